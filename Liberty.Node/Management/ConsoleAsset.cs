namespace Liberty.Node.Management;

/// <summary>One file of the web console as the node serves it.</summary>
/// <param name="ContentType">Its media type.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="Gzip">The same, gzip-compressed.</param>
/// <param name="ETag">Its entity tag (a hash of the content).</param>
internal sealed record ConsoleAsset(string ContentType, byte[] Content, byte[] Gzip, string ETag);
