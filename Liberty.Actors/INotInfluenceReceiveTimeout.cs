namespace Liberty.Actors;

/// <summary>Marks messages that do not restart an actor's receive timeout when they arrive.</summary>
public interface INotInfluenceReceiveTimeout;
