using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Newsroom.Cli;
using Newsroom.Sources;

namespace Newsroom.Tests.Snapshots;

/// <summary>
/// Generated snapshots, hostile and odd, through <c>newsroom generate</c> as a user runs it: every valid one is read and
/// judged (exit 0), every invalid one is refused with exit 2 naming the field and its value, and nothing is written;
/// no input makes the program fail (exit 1). The seed is fixed, so a failure replays.
/// </summary>
public class SnapshotFuzzTests
{
    private const int Inputs = 600;

    private static readonly string[] BadSymbols =
    [
        "market", "MARKET", "Market ", "BTC-USD", "BTC/USD", "é", "è", "😀", "😀😀", "<script>alert(1)</script>", "[x](http://e.example)",
        "{{ x }}", "NaN", "100%", "a\u0001b", new string('A', 255), "btc", "",
    ];

    private static readonly string[] BadTimes =
    [
        "0001-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "yesterday", "2026-11-24", "2026-11-24T12:00:00",
        "11/24/2026 12:00 +00:00", "2099-01-01T00:00:00Z", "",
    ];

    private static readonly string[] GoodSymbols = ["1000PEPE", "DOGE", "SUI", "A", "ABCDEFGHIJKLMNOPQRST"];

    [Test]
    public async Task ValidInputIsReadAndInvalidInputIsRefusedNamingFieldAndValueWithNothingWritten()
    {
        using var workspace = new Workspace();
        var random = new Random(20261130);
        var samples = SampleSnapshots.Names.Select(name => JsonNode.Parse(SampleSnapshots.Read(name))!.AsObject()).ToList();
        var tally = new Dictionary<string, int>();

        for (var i = 0; i < Inputs; i++)
        {
            var snapshot = samples[random.Next(samples.Count)].DeepClone().AsObject();
            var (kind, bytes, path) = Mutate(snapshot, random);
            var input = Path.Combine(workspace.Root, "input.json");
            await File.WriteAllBytesAsync(input, bytes);
            var before = workspace.Files();

            var (exitCode, error) = await GenerateAsync(workspace, input);

            var what = $"input {i} ({kind}): {Encoding.UTF8.GetString(bytes)[..Math.Min(bytes.Length, 300)]}";
            Assert.That(exitCode, Is.Not.EqualTo(1), $"{what}\n{error}");
            if (path is null)
            {
                Assert.That(exitCode, Is.Zero, $"valid {what}\n{error}");
            }
            else
            {
                Assert.That(exitCode, Is.EqualTo(2), $"invalid {what}");
                Assert.That(error, Does.Contain(path), $"{what}: the error names the field");
                Assert.That(workspace.Files(), Is.EqualTo(before), $"{what}: nothing written");
            }
            tally[path is null ? "valid" : "invalid"] = tally.GetValueOrDefault(path is null ? "valid" : "invalid") + 1;
        }

        TestContext.Out.WriteLine($"{Inputs} inputs: {tally.GetValueOrDefault("valid")} valid read, {tally.GetValueOrDefault("invalid")} invalid refused");
        Assert.That(tally.GetValueOrDefault("valid"), Is.GreaterThan(Inputs / 5), "the generator makes valid edge cases too");
    }

    /// <summary>One change to a valid sample; the path the error must name, or null when the result is still valid.</summary>
    private static (string Kind, byte[] Bytes, string? Path) Mutate(JsonObject snapshot, Random random)
    {
        var coins = snapshot["coins"] as JsonArray;
        var exchanges = snapshot["exchanges"] as JsonArray;
        var market = snapshot["market"]!.AsObject();
        byte[] Text(JsonObject json) => Encoding.UTF8.GetBytes(json.ToJsonString());

        switch (random.Next(16))
        {
            case 0 when coins is { Count: > 0 }:
                coins[0]!["symbol"] = BadSymbols[random.Next(BadSymbols.Length)];
                return ("bad symbol", Text(snapshot), "coins[0].symbol");
            case 1:
                var time = BadTimes[random.Next(BadTimes.Length)];
                snapshot["asOf"] = time;
                return ("bad time", Text(snapshot), "asOf");
            case 2:
                // The same key twice, the second one valid: a parser where the last wins would accept it.
                var json = Encoding.UTF8.GetString(Text(snapshot));
                var at = json.IndexOf("\"24h\":{\"longs\":", StringComparison.Ordinal) + "\"24h\":{".Length;
                return ("duplicate key", Encoding.UTF8.GetBytes(json.Insert(at, "\"longs\":-5,")), "market.24h.longs");
            case 3:
                market["24h"]!["shorts"] = 0;
                return ("negative zero", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Text(snapshot)).Replace("\"shorts\":0", "\"shorts\":-0", StringComparison.Ordinal)), "market.24h.shorts");
            case 4:
                market["24h"]!["longs"] = JsonValue.Create(decimal.Parse(random.Next(3) switch { 0 => "79228162514264337593543950335", 1 => "79000000000000000000000000000", _ => "20000000000000" }, CultureInfo.InvariantCulture));
                return ("overflowing amount", Text(snapshot), "market.24h.longs");
            case 5 when coins is { Count: > 0 }:
                coins[0]!["windows"] = new JsonObject { ["24h"] = new JsonObject { ["longs"] = 95_000_000_000m, ["shorts"] = 1 } };
                return ("coin larger than the market", Text(snapshot), "coins: 24h longs");
            case 6 when exchanges is { Count: > 0 }:
                exchanges[0]!["window"] = "24h";
                exchanges[0]!["longs"] = 900_000_000_000m;
                return ("exchange larger than the market", Text(snapshot), "exchanges: 24h longs");
            case 7:
                var bytes = Text(snapshot).ToList();
                var quote = bytes.IndexOf((byte)'"', bytes.IndexOf((byte)':') + 1);
                bytes.InsertRange(quote + 1, random.Next(2) == 0 ? [0xC3, 0x28] : [0xFF]);
                return ("invalid UTF-8", [.. bytes], "not valid UTF-8");
            case 8:
                market["24h"]!["shorts"] = random.Next(3) switch { 0 => JsonValue.Create("12"), 1 => JsonValue.Create(-1), _ => null };
                return ("wrong type or sign", Text(snapshot), "market.24h.shorts");
            case 9:
                market["1h"] = new JsonObject { ["longs"] = 1_000_000_000_000m, ["shorts"] = 0 };
                return ("window larger than the day", Text(snapshot), "market.1h.longs");
            case 10 when coins is { Count: > 0 }:
                coins[0]!["fundingRate"] = random.Next(2) == 0 ? 5 : -3;
                return ("funding out of range", Text(snapshot), "coins[0].fundingRate");
            case 11:
                snapshot["extra"] = "x";
                return ("unknown field", Text(snapshot), "extra");
            case 12:
                // Valid: every figure scaled, so the day's shape holds and its size changes.
                var factor = new[] { 0.001m, 0.1m, 3m, 40m }[random.Next(4)];
                Scale(snapshot, factor);
                return ($"scaled ×{factor}", Text(snapshot), null);
            case 13:
                // Valid: the optional parts left out, or a symbol as venues list it.
                if (random.Next(2) == 0)
                {
                    snapshot.Remove("coins");
                    snapshot.Remove("exchanges");
                    snapshot.Remove("largestLiquidations");
                    foreach (var window in new[] { "1h", "4h", "12h" }.Where(_ => random.Next(2) == 0))
                    {
                        market.Remove(window);
                    }
                }
                else if (coins is { Count: > 0 })
                {
                    coins[0]!["symbol"] = GoodSymbols[random.Next(GoodSymbols.Length)];
                }
                return ("optional parts", Text(snapshot), null);
            case 14:
                // Valid: one side with nothing liquidated in any window, or a whole quiet day.
                var empty = random.Next(2) == 0;
                foreach (var (_, window) in market)
                {
                    window!["shorts"] = 0;
                    window.AsObject().Remove("total");
                    if (empty)
                    {
                        window["longs"] = 0;
                    }
                }
                snapshot.Remove("coins");
                snapshot.Remove("exchanges");
                snapshot.Remove("largestLiquidations");
                return (empty ? "nothing liquidated" : "no shorts", Text(snapshot), null);
            default:
                // Valid: the same instant in another offset, and a negative zero where a sign is allowed.
                var asOf = DateTimeOffset.Parse(snapshot["asOf"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromMinutes(330));
                snapshot["asOf"] = asOf.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
                var text = Encoding.UTF8.GetString(Text(snapshot));
                return ("offset", Encoding.UTF8.GetBytes(text.Replace("\"priceChangePercent\":{\"24h\":", "\"priceChangePercent\":{\"1h\":-0.0,\"24h\":", StringComparison.Ordinal)), null);
        }
    }

    private static void Scale(JsonNode? node, decimal factor)
    {
        if (node is JsonObject json)
        {
            foreach (var key in json.Select(p => p.Key).ToList())
            {
                if (key is "longs" or "shorts" or "total" or "usd" && json[key] is JsonValue value)
                {
                    json[key] = Math.Round(value.GetValue<decimal>() * factor, 2);
                }
                else
                {
                    Scale(json[key], factor);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Scale(item, factor);
            }
        }
    }

    private static async Task<(int ExitCode, string Error)> GenerateAsync(Workspace workspace, string input)
    {
        var error = new StringWriter();
        var exitCode = await NewsroomCli.RunAsync(["generate", "--input", input, "--json"], TextWriter.Null, error, configuration => configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["Newsroom:Storage:DataDirectory"] = workspace.DataDirectory,
                ["Newsroom:Output:Directory"] = workspace.OutputDirectory,
                ["Logging:LogLevel:Default"] = "None",
            }));
        return (exitCode, error.ToString());
    }
}
