namespace Liberty.Node.Persistence;

/// <summary>What <see cref="PersistenceSerializer"/> returns for a stored payload it cannot read (never stored itself).</summary>
/// <param name="Manifest">The manifest stored with the payload.</param>
/// <param name="Reason">Why it could not be read.</param>
internal sealed record UnreadablePayload(string Manifest, string Reason);
