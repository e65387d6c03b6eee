namespace Liberty.Node.Apps.Schema;

/// <summary>
/// A named type of a Gen-2 signature (<c>"Types": [...]</c>): a Table or Enumeration that parameters refer to by name.
/// The definition is set once the parser read it, so types may refer to each other (and to themselves) in any order.
/// </summary>
/// <param name="Name">The type's NativeName.</param>
/// <param name="Type">Its built-in type (Table, Enumeration or List).</param>
internal sealed record SignatureNamedType(string Name, ParameterType Type)
{
    /// <summary>The definition; set by the parser before the signature is handed out, never changed after.</summary>
    public SignatureParameter? Definition { get; set; }
}
