namespace Liberty.Devices.Model;

/// <summary>What an <see cref="AttributeValue"/> holds.</summary>
public enum AttributeValueKind
{
    /// <summary>No value (JSON null, Lua nil); the default.</summary>
    Null = 0,

    /// <summary>A boolean (ZCL bool).</summary>
    Boolean,

    /// <summary>A 64-bit integer (ZCL int/uint/enum/bitmap up to 53 bits keeps exact in Lua and JSON readers).</summary>
    WholeNumber,

    /// <summary>A finite double (ZCL float, or a fractional command argument).</summary>
    RealNumber,

    /// <summary>A string (ZCL character string).</summary>
    Text,
}
