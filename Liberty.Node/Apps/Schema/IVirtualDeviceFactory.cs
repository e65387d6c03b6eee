namespace Liberty.Node.Apps.Schema;

/// <summary>Creates and removes the virtual devices of a task's VirtualDevice parameters (the seam to the device registry).</summary>
internal interface IVirtualDeviceFactory
{
    /// <summary>Creates a virtual device owned by a task.</summary>
    /// <param name="name">Its name on this node.</param>
    /// <param name="spec">Its type spec, e.g. <c>"1,100,6"</c> (already checked by the signature parser).</param>
    /// <param name="ownerTask">The owning task's id.</param>
    /// <param name="cancellationToken">Abandons the wait (the device may still be created; the caller removes it by name).</param>
    /// <returns>The new device's numeric id, or the reason it could not be created.</returns>
    ValueTask<(long Id, string? Error)> CreateAsync(string name, string spec, long ownerTask, CancellationToken cancellationToken);

    /// <summary>Removes a virtual device; removing one that no longer exists is not an error.</summary>
    /// <param name="id">Its numeric id.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>When the registry has removed it.</returns>
    ValueTask RemoveAsync(long id, CancellationToken cancellationToken);
}
