using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>
/// The device-side attribute values of one device, shared by its cluster behaviours, recording every change so the
/// owner can turn changes into attribute reports.
/// </summary>
/// <remarks>Single owner (the driver, itself owned by the device actor); not thread-safe.</remarks>
internal sealed class AttributeTable
{
    private readonly Dictionary<AttributeKey, AttributeValue> _values = [];
    private readonly List<AttributeChangeSet> _changes = [];

    /// <summary>Whether changes are waiting for <see cref="TakeChanges"/>.</summary>
    public bool HasChanges => _changes.Count > 0;

    /// <summary>Whether the attribute has a value.</summary>
    public bool Contains(int cluster, int attribute) => _values.ContainsKey(new AttributeKey(cluster, attribute));

    /// <summary>The attribute's value, or null when it has none.</summary>
    public AttributeValue Get(int cluster, int attribute) =>
        _values.TryGetValue(new AttributeKey(cluster, attribute), out var value) ? value : AttributeValue.Null;

    /// <summary>The attribute's value as an integer (booleans as 0/1), or <paramref name="fallback"/>.</summary>
    public long GetInt64(int cluster, int attribute, long fallback = 0)
    {
        var value = Get(cluster, attribute);
        if (value.TryGetInt64(out var integer))
        {
            return integer;
        }
        return value.TryGetBoolean(out var b) ? (b ? 1 : 0) : fallback;
    }

    /// <summary>The attribute's value as a boolean, or false.</summary>
    public bool GetBoolean(int cluster, int attribute) => Get(cluster, attribute).TryGetBoolean(out var value) && value;

    /// <summary>Sets an attribute; records a change when the value is new or different.</summary>
    /// <returns>True when the value changed.</returns>
    public bool Set(int cluster, int attribute, AttributeValue value, EventSource source)
    {
        var key = new AttributeKey(cluster, attribute);
        if (_values.TryGetValue(key, out var old) && old == value)
        {
            return false;
        }
        _values[key] = value;
        var set = _changes.Count > 0 && _changes[^1].Cluster == cluster && _changes[^1].Source == source
            ? _changes[^1]
            : _changes.Find(c => c.Cluster == cluster && c.Source == source);
        if (set is null)
        {
            set = new AttributeChangeSet(cluster, source, []);
            _changes.Add(set);
        }
        set.Changed[attribute] = value;
        return true;
    }

    /// <summary>Every attribute of a cluster (a new map).</summary>
    public Dictionary<int, AttributeValue> GetCluster(int cluster)
    {
        var result = new Dictionary<int, AttributeValue>();
        foreach (var (key, value) in _values)
        {
            if (key.Cluster == cluster)
            {
                result[key.Attribute] = value;
            }
        }
        return result;
    }

    /// <summary>Every attribute (a new map).</summary>
    public Dictionary<AttributeKey, AttributeValue> GetAll() => new(_values);

    /// <summary>Returns and clears the recorded changes, grouped by cluster and source in first-change order.</summary>
    public List<AttributeChangeSet> TakeChanges()
    {
        var changes = new List<AttributeChangeSet>(_changes);
        _changes.Clear();
        return changes;
    }
}
