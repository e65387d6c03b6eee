namespace Liberty.Node.Apps.Schema;

/// <summary>One alternative of a <c>PhysicalQuantity</c> attribute: a UCUM unit and the range of values in it.</summary>
/// <param name="Unit">The unit (<c>Cel</c>, <c>[degF]</c>, ...).</param>
/// <param name="Min">Inclusive minimum.</param>
/// <param name="Max">Inclusive maximum.</param>
/// <param name="Step">The step (a UI hint; not enforced).</param>
internal sealed record PhysicalRange(string Unit, double Min, double Max, double Step);
