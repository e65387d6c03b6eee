using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liberty.Devices.Model;

/// <summary>Writes an <see cref="AttributeValue"/> as the bare JSON primitive and reads it back with its kind.</summary>
/// <remarks>A JSON number with a fraction or exponent reads as a double, any other number as an integer.</remarks>
internal sealed class AttributeValueJsonConverter : JsonConverter<AttributeValue>
{
    public override bool HandleNull => true;

    public override AttributeValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return AttributeValue.Null;
            case JsonTokenType.True:
                return AttributeValue.FromBoolean(true);
            case JsonTokenType.False:
                return AttributeValue.FromBoolean(false);
            case JsonTokenType.String:
                return AttributeValue.FromString(reader.GetString());
            case JsonTokenType.Number:
                var span = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                var isInteger = Array.TrueForAll(span, static b => b is not ((byte)'.' or (byte)'e' or (byte)'E'));
                if (isInteger && reader.TryGetInt64(out var integer))
                {
                    return AttributeValue.FromInt64(integer);
                }
                return AttributeValue.FromDouble(reader.GetDouble());
            default:
                throw new JsonException($"An attribute value must be null, a boolean, a number or a string, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, AttributeValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.Kind)
        {
            case AttributeValueKind.Boolean:
                value.TryGetBoolean(out var b);
                writer.WriteBooleanValue(b);
                break;
            case AttributeValueKind.WholeNumber:
                value.TryGetInt64(out var i);
                writer.WriteNumberValue(i);
                break;
            case AttributeValueKind.RealNumber:
                value.TryGetDouble(out var d);
                writer.WriteRawValue(AttributeValue.FormatDouble(d), skipInputValidation: true);
                break;
            case AttributeValueKind.Text:
                value.TryGetString(out var s);
                writer.WriteStringValue(s);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
