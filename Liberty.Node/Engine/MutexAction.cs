namespace Liberty.Node.Engine;

/// <summary>An action on the value a <see cref="Mutex{T}"/> protects, borrowed by reference.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="value">The value; valid only during the call.</param>
public delegate void MutexAction<T>(ref T value);
