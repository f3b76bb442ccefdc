using Newsroom.Rules;
namespace Newsroom.Rendering;

/// <param name="Scale">What one printed unit is worth: 1e6 for "million", 1 for a plain amount or a percentage.</param>
/// <param name="Kind">What the figure claims: an amount, a share, a date (yyyymmdd, year 0 when not printed), a rank…</param>
/// <param name="Printed">The figure as printed; a slice of the text, made a string only for a report.</param>
/// <param name="Bound">
/// "Nearly $400 million": any amount up to 5% under the figure, none over it; "more than $350 million": any amount up
/// to 5% over it, none under it.
/// </param>
internal readonly record struct PrintedFigure(int Start, ReadOnlyMemory<char> Printed, decimal Value, int Decimals, decimal Scale, Unit Kind, Bound Bound = Bound.Rounded)
{
    // "$6.08 million" stands for any amount in [6.075, 6.085) million: what rounding half away from zero to the
    // printed decimals gives for a non-negative value.
    public decimal Low { get; } = Bound switch
    {
        Bound.AtMost => Value * Scale * 0.95m,
        Bound.AtLeast => Value * Scale,
        _ => (Value - (0.5m / FactChecker.PowersOfTen[Decimals])) * Scale,
    };

    public decimal High { get; } = Bound switch
    {
        Bound.AtMost => Value * Scale,
        Bound.AtLeast => Value * Scale * 1.05m,
        _ => (Value + (0.5m / FactChecker.PowersOfTen[Decimals])) * Scale,
    };

    public string Text => Printed.ToString();

    /// <summary>"Among the ten largest": any rank up to the value.</summary>
    public bool AtMost { get; init; }

    public bool ReadsAs(decimal value) => value >= Low && value < High;

    public bool Matches(decimal datum) => Kind switch
    {
        // Copy states a direction in words ("fell 6.2%"), so a percentage matches a figure of either sign.
        Unit.Percent => ReadsAs(Math.Abs(datum)),
        Unit.Date => Value < 10000 ? datum % 10000 == Value : datum == Value,
        Unit.Rank => AtMost ? datum >= 1 && datum <= Value : datum == Value,
        Unit.Days => Math.Floor(datum) == Value,
        _ => ReadsAs(datum),
    };
}

/// <summary>What a printed amount claims: the amount rounded, or a bound it approaches from below or exceeds.</summary>
internal enum Bound
{
    Rounded,
    AtMost,
    AtLeast,
}
