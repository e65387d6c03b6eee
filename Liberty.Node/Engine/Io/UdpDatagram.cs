using System.Net;

namespace Liberty.Node.Engine.Io;

/// <summary>A received datagram.</summary>
/// <param name="Data">Its bytes.</param>
/// <param name="From">The sender.</param>
public sealed record UdpDatagram(byte[] Data, IPEndPoint From);
