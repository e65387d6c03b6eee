using Liberty.Devices.Model;
using Liberty.Node.Apps.Schema;

namespace Liberty.Tests.Schema;

/// <summary>Records creations and removals; refuses the creation whose 1-based number is <see cref="FailAt"/>.</summary>
internal sealed class FakeVirtualDeviceFactory : IVirtualDeviceFactory
{
    public List<(string Name, string Spec, long Owner, long Id)> Created { get; } = [];

    public List<long> Removed { get; } = [];

    public int FailAt { get; init; }

    public ValueTask<(long Id, string? Error)> CreateAsync(string name, string spec, long ownerTask, CancellationToken cancellationToken)
    {
        if (Created.Count + 1 == FailAt)
        {
            return ValueTask.FromResult((0L, (string?)"name taken"));
        }
        var id = DeviceId.Create("gw1", name).Value;
        Created.Add((name, spec, ownerTask, id));
        return ValueTask.FromResult((id, (string?)null));
    }

    public ValueTask RemoveAsync(long id, CancellationToken cancellationToken)
    {
        Removed.Add(id);
        return ValueTask.CompletedTask;
    }
}
