using System.Text.Json;

namespace Liberty.Node.Cli;

/// <summary>
/// A node's answer to one request: its JSON as the node sent it (what <c>--json</c> prints, whatever the node's version)
/// and the same read as the API's record, for the tables.
/// </summary>
/// <typeparam name="T">The API's record of the answer (<see cref="Liberty.Node.Management.Contracts"/>).</typeparam>
internal sealed class NodeAnswer<T>
{
    private readonly NodeClient _client;

    /// <summary>Wraps an answer.</summary>
    /// <param name="json">The answer's JSON.</param>
    /// <param name="client">The client that received it (to name the node when the JSON is not a <typeparamref name="T"/>).</param>
    public NodeAnswer(JsonElement json, NodeClient client)
    {
        Json = json;
        _client = client;
    }

    /// <summary>The answer's JSON as the node sent it.</summary>
    public JsonElement Json { get; }

    /// <summary>Reads the answer as <typeparamref name="T"/> (with the API's options).</summary>
    /// <returns>The record.</returns>
    /// <exception cref="CliFailure">The JSON is not a <typeparamref name="T"/>.</exception>
    public T Read() => _client.Read<T>(Json);
}
