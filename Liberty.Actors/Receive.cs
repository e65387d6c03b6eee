namespace Liberty.Actors;

/// <summary>A behaviour: handles a message and says whether it did.</summary>
/// <param name="message">The message.</param>
/// <returns>True when handled; false makes the actor's <c>Unhandled</c> run.</returns>
public delegate bool Receive(object message);
