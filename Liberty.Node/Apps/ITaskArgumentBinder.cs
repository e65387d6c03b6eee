namespace Liberty.Node.Apps;

/// <summary>
/// How the <see cref="TaskManager"/> checks signatures and turns a task's arguments (JSON) into the entry's Lua
/// values, before anything starts. <see cref="SchemalessArgumentBinder"/> until the schema binder
/// (Liberty.Node/Apps/Schema) is wired in.
/// </summary>
/// <remarks><b>Thread:</b> any. <b>Cancellation:</b> a cancelled bind created nothing. <b>Ordering:</b> none.</remarks>
internal interface ITaskArgumentBinder
{
    /// <summary>Checks a signature at deployment.</summary>
    /// <param name="signatureJson">The <c>.sig</c> JSON.</param>
    /// <returns>Null when it is valid; otherwise what is wrong and where.</returns>
    string? CheckSignature(string signatureJson);

    /// <summary>The entry functions a signature declares (for <see cref="AppInfo.Functions"/>); empty when unknown.</summary>
    IReadOnlyList<string> FunctionsOf(string signatureJson);

    /// <summary>Validates and binds the arguments of one run.</summary>
    /// <param name="signatureJson">The app's signature, or null.</param>
    /// <param name="function">The entry function.</param>
    /// <param name="argumentsJson">The arguments as given, or null.</param>
    /// <param name="taskId">The task that will own what binding creates.</param>
    /// <param name="cancellationToken">Abandons the bind.</param>
    /// <returns>The values, or an error naming the parameter.</returns>
    ValueTask<TaskArguments> BindAsync(string? signatureJson, string function, string? argumentsJson, long taskId, CancellationToken cancellationToken);
}
