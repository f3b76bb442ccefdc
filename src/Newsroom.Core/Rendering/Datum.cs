using System.Globalization;
using Newsroom.Rules;
using Newsroom.Snapshots;

namespace Newsroom.Rendering;

/// <param name="Datum">What the figure stands for; null when it matches no figure of the data.</param>
public sealed record LocatedFigure(int Start, string Text, Datum? Datum);

/// <summary>One figure a text may state and where it sits in the evidence.</summary>
/// <param name="Group">A scope ("market", "BTC"), "finding" or "exchange".</param>
/// <param name="Item">A window ("24h"), a rule, or an exchange.</param>
/// <param name="Name">Which figure of the item ("shorts", "sharePercent").</param>
public readonly record struct Datum(string Group, string Item, string Name, decimal Value, Unit Unit)
{
    public bool IsPercent => Unit == Unit.Percent;

    /// <summary>The value as the evidence shows it, unrounded.</summary>
    public string Display => Show(Value, Unit);

    /// <summary>A figure as the evidence shows it: money and shares exact, dates as dates, ratios and multiples as they are.</summary>
    public static string Show(decimal value, Unit unit) => unit switch
    {
        Unit.Date => $"{(int)value / 10000:0000}-{(int)value / 100 % 100:00}-{(int)value % 100:00}",
        Unit.Rank => $"#{value:0}",
        Unit.Multiple => $"{value.ToString("0.####", CultureInfo.InvariantCulture)}×",
        Unit.Days => $"{value:0} days",
        Unit.Ratio => Numbers.Ratio(value),
        _ => Numbers.Exact(value, unit == Unit.Percent),
    };
}
