namespace Liberty.Devices.Model;

/// <summary>An attribute's address on a device: cluster and attribute id.</summary>
/// <param name="Cluster">The cluster id.</param>
/// <param name="Attribute">The attribute id within the cluster, 0..0xFFFF.</param>
public readonly record struct AttributeKey(int Cluster, int Attribute)
{
    /// <summary>The later Liberty API's combined key, <c>(cluster &lt;&lt; 16) | attribute</c>, also used in <c>v</c> tables.</summary>
    public long Combined => ((long)Cluster << 16) | (uint)(Attribute & 0xFFFF);

    /// <summary>Formats the key as <c>0x0008/0x0000</c>.</summary>
    /// <returns>The formatted key.</returns>
    public override string ToString() => $"0x{Cluster:X4}/0x{Attribute:X4}";
}
