using Newsroom.Snapshots;

namespace Newsroom.Tests.Snapshots;

[Category("Unit")]
public class SnapshotReaderTests
{
    private static readonly string Valid = """
        {
          "asOf": "2026-11-24T12:00:00Z",
          "source": "test",
          "market": {
            "1h":  { "longs": 819850,   "shorts": 6080000 },
            "4h":  { "longs": 3700000,  "shorts": 28020000, "total": 31710000 },
            "12h": { "longs": 49950000, "shorts": 224860000, "total": 274820000 },
            "24h": { "longs": 66340000, "shorts": 330700000, "total": 397040000 }
          },
          "exchanges": [ { "name": "Binance", "window": "24h", "longs": 1, "shorts": 2 } ],
          "coins": [
            { "symbol": "BTC", "windows": { "24h": { "longs": 1, "shorts": 2 } },
              "priceChangePercent": { "24h": 4.1 }, "openInterestUsd": 1, "fundingRate": 0.0001, "longShortRatio": 0.9 }
          ],
          "largestLiquidations": [ { "exchange": "Binance", "symbol": "BTCUSDT", "usd": 205534.29, "time": "2026-11-24T11:58:00Z" } ]
        }
        """;

    [Test]
    public void ReadsEveryFieldAsPublished()
    {
        var snapshot = SnapshotReader.Read(Valid, TestData.Now);

        Assert.That(snapshot.AsOf, Is.EqualTo(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        Assert.That(snapshot.Market.Get(Window.OneHour), Is.EqualTo(new Liquidations(819850m, 6080000m)));
        Assert.That(snapshot.Market.Get(Window.TwelveHours)!.Total, Is.EqualTo(274820000m), "the published total, not longs + shorts (274810000)");
        Assert.That(snapshot.Market.Day.Total, Is.EqualTo(397040000m));
        Assert.That(snapshot.Exchanges.Single(), Is.EqualTo(new ExchangeFigures("Binance", Window.Day, new Liquidations(1, 2))));
        var btc = snapshot.Coins.Single();
        Assert.That(btc.Symbol, Is.EqualTo("BTC"));
        Assert.That(btc.Context.PriceChangePercent[Window.Day], Is.EqualTo(4.1m));
        Assert.That(btc.Context.FundingRate, Is.EqualTo(0.0001m));
        Assert.That(btc.Context.LongShortRatio, Is.EqualTo(0.9m));
        Assert.That(snapshot.LargestLiquidations.Single(), Is.EqualTo(new LiquidationOrder("Binance", "BTCUSDT", 205534.29m, new DateTimeOffset(2026, 11, 24, 11, 58, 0, TimeSpan.Zero))));
    }

    [Test]
    public void OnlyThe24hWindowIsRequired()
    {
        var snapshot = SnapshotReader.Read("""{ "asOf": "2026-11-24T12:00:00+01:00", "market": { "24h": { "longs": 5, "shorts": 7 } } }""", TestData.Now);

        Assert.That(snapshot.Market.Present.Select(p => p.Window), Is.EqualTo(new[] { Window.Day }));
        Assert.That(snapshot.AsOf, Is.EqualTo(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero)), "converted to UTC");
        Assert.That(snapshot.Coins, Is.Empty);
        Assert.That(snapshot.Exchanges, Is.Empty);
    }

    [TestCase("\"shorts\": 28020000, \"total\"", "\"shorts\": -5, \"total\"", "market.4h.shorts: -5 is negative")]
    [TestCase("\"1h\":", "\"2h\":", "market.2h: unknown window (expected 1h, 4h, 12h or 24h)")]
    [TestCase("\"longs\": 819850,", "\"longs\": \"819850\",", "market.1h.longs: \"819850\" is not a number")]
    [TestCase("\"longs\": 819850,", "\"longs\": 1e400,", "market.1h.longs: 1e400 is out of range")]
    [TestCase("\"longs\": 819850,", "\"longs\": 819850, \"note\": 1,", "market.1h.note: unknown field (expected longs, shorts, total)")]
    [TestCase("\"total\": 274820000", "\"total\": 300000000", "market.12h.total: 300000000 differs from longs + shorts (274810000) by more than 0.5%")]
    [TestCase("\"longs\": 819850,", "\"longs\": 5000000,", "market.1h.longs: 5000000 is larger than market.4h.longs (3700000); a shorter window cannot hold more than a longer one")]
    [TestCase("\"asOf\": \"2026-11-24T12:00:00Z\"", "\"asOf\": \"2026-11-24T12:00:00\"", "asOf: \"2026-11-24T12:00:00\" has no UTC offset (end it with Z or +hh:mm)")]
    [TestCase("\"asOf\": \"2026-11-24T12:00:00Z\"", "\"asOf\": \"2026-11-25T12:00:00Z\"", "asOf: \"2026-11-25T12:00:00Z\" is in the future (now 2026-11-24T21:00:00Z)")]
    [TestCase("\"asOf\": \"2026-11-24T12:00:00Z\"", "\"asOf\": \"yesterday\"", "asOf: \"yesterday\" is not an ISO 8601 date-time (such as 2026-11-24T12:00:00Z)")]
    [TestCase("\"asOf\": \"2026-11-24T12:00:00Z\",", "", "asOf: missing")]
    [TestCase("\"symbol\": \"BTC\"", "\"symbol\": \"  \"", "coins[0].symbol: \"  \" is empty")]
    [TestCase("\"window\": \"24h\"", "\"window\": \"1d\"", "exchanges[0].window: \"1d\" is not a window (expected 1h, 4h, 12h or 24h)")]
    [TestCase("\"longShortRatio\": 0.9", "\"longShortRatio\": 0", "coins[0].longShortRatio: 0 is not a long/short ratio (above 0, at most 1000)")]
    [TestCase("\"longShortRatio\": 0.9", "\"longShortRatio\": 0.9, \"takerBuySellRatio\": -1", "coins[0].takerBuySellRatio: -1 is not a buy/sell volume ratio (above 0, at most 1000)")]
    [TestCase("\"priceChangePercent\": { \"24h\": 4.1 }", "\"priceChangePercent\": { \"24h\": -100 }", "coins[0].priceChangePercent.24h: -100 is not a possible price change (a price cannot fall 100% or more)")]
    [TestCase("\"source\": \"test\",", "\"sauce\": \"test\",", "sauce: unknown field (expected asOf, provider, source, market, exchanges, coins, largestLiquidations, largestLiquidationsFrom, coverage)")]
    [TestCase("\"time\": \"2026-11-24T11:58:00Z\"", "\"time\": \"2026-11-24T23:58:00Z\"", "largestLiquidations[0].time: \"2026-11-24T23:58:00Z\" is in the future (now 2026-11-24T21:00:00Z)")]
    [TestCase("\"usd\": 205534.29", "\"usd\": -1", "largestLiquidations[0].usd: -1 is negative")]
    [TestCase("\"source\": \"test\",", "\"source\": \"test\", \"largestLiquidationsFrom\": { \"exchange\": \"Binance\", \"coin\": \"**BTC**\" },", "largestLiquidationsFrom.coin: \"**BTC**\" is not a coin symbol")]
    [TestCase("\"longs\": 819850,", "\"longs\": -5, \"longs\": 819850,", "market.1h.longs: the key appears more than once")]
    [TestCase("\"usd\": 205534.29", "\"usd\": -0", "largestLiquidations[0].usd: -0 is negative")]
    [TestCase("\"longs\": 819850,", "\"longs\": 79228162514264337593543950335,", "market.1h.longs: 79228162514264337593543950335 is beyond any real figure (at most 10000000000000)")]
    [TestCase("\"openInterestUsd\": 1", "\"openInterestUsd\": 7.9e28", "coins[0].openInterestUsd: 7.9e28 is beyond any real figure (at most 10000000000000)")]
    [TestCase("\"openInterestUsd\": 1", "\"openInterestUsd\": 2e13", "coins[0].openInterestUsd: 2e13 is beyond any real figure (at most 10000000000000)")]
    [TestCase("\"windows\": { \"24h\": { \"longs\": 1, \"shorts\": 2 } }", "\"windows\": { \"24h\": { \"longs\": 95000000000, \"shorts\": 2 } }", "coins: 24h longs add up to 95000000000, more than market.24h.longs (66340000); parts cannot hold more than the market")]
    [TestCase("\"name\": \"Binance\", \"window\": \"24h\", \"longs\": 1", "\"name\": \"Binance\", \"window\": \"24h\", \"longs\": 500000000", "exchanges: 24h longs add up to 500000000, more than market.24h.longs (66340000); parts cannot hold more than the market")]
    [TestCase("\"asOf\": \"2026-11-24T12:00:00Z\"", "\"asOf\": \"0001-01-01T00:00:00Z\"", "asOf: \"0001-01-01T00:00:00Z\" is before 2019-01-01, earlier than any liquidation data")]
    [TestCase("\"asOf\": \"2026-11-24T12:00:00Z\"", "\"asOf\": \"1900-01-01T00:00:00+00:00\"", "asOf: \"1900-01-01T00:00:00+00:00\" is before 2019-01-01, earlier than any liquidation data")]
    [TestCase("\"asOf\": \"2026-11-24T12:00:00Z\"", "\"asOf\": \"11/24/2026 12:00 +00:00\"", "asOf: \"11/24/2026 12:00 +00:00\" is not an ISO 8601 date-time (such as 2026-11-24T12:00:00Z)")]
    [TestCase("\"symbol\": \"BTC\"", "\"symbol\": \"market\"", "coins[0].symbol: \"market\" is not a coin symbol (capital letters and digits, at most 20; not MARKET)")]
    [TestCase("\"symbol\": \"BTC\"", "\"symbol\": \"MARKET\"", "coins[0].symbol: \"MARKET\" is not a coin symbol (capital letters and digits, at most 20; not MARKET)")]
    [TestCase("\"symbol\": \"BTC\"", "\"symbol\": \"BTC/USD\"", "coins[0].symbol: \"BTC/USD\" is not a coin symbol (capital letters and digits, at most 20; not MARKET)")]
    [TestCase("\"symbol\": \"BTC\"", "\"symbol\": \"<script>alert(1)</script>\"", "coins[0].symbol: \"<script>alert(1)</script>\" is not a coin symbol (capital letters and digits, at most 20; not MARKET)")]
    [TestCase("\"symbol\": \"BTC\"", "\"symbol\": \"{{x}}\"", "coins[0].symbol: \"{{x}}\" is not a coin symbol (capital letters and digits, at most 20; not MARKET)")]
    [TestCase("\"name\": \"Binance\"", "\"name\": \"[Binance](http://x.example)\"", "exchanges[0].name: \"[Binance](http://x.example)\" is not an exchange name (letters, digits, spaces, . and -; at most 40)")]
    [TestCase("\"symbol\": \"BTCUSDT\"", "\"symbol\": \"BTC\\u0000USDT\"", "largestLiquidations[0].symbol: \"BTC\\u0000USDT\" is not a contract symbol (letters, digits and . _ / : -; at most 40)")]
    [TestCase("\"fundingRate\": 0.0001", "\"fundingRate\": 3", "coins[0].fundingRate: 3 is not a funding rate (a fraction per 8 hours, between -1 and 1)")]
    public void RejectsWithAMessageNamingPathAndValue(string find, string replace, string expected)
    {
        Assert.That(Valid, Does.Contain(find), "the test edits the valid snapshot");

        var invalid = Assert.Throws<SnapshotValidationException>(() => SnapshotReader.Read(Valid.Replace(find, replace, StringComparison.Ordinal), TestData.Now));

        Assert.That(invalid.Errors, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void RequiresThe24hWindow()
    {
        var invalid = Assert.Throws<SnapshotValidationException>(() => SnapshotReader.Read(
            """{ "asOf": "2026-11-24T12:00:00Z", "market": { "1h": { "longs": 1, "shorts": 2 } } }""", TestData.Now));

        Assert.That(invalid.Errors, Is.EqualTo(new[] { "market.24h: missing (the 24h window is required)" }));
    }

    [Test]
    public void ToleratesPublishedRoundingUpToHalfAPercent()
    {
        // The reference article's 12h total is $274.82M against longs + shorts of $274.81M.
        var snapshot = SnapshotReader.Read(Valid.Replace("\"total\": 274820000", "\"total\": 276100000", StringComparison.Ordinal), TestData.Now);

        Assert.That(snapshot.Market.Get(Window.TwelveHours)!.Total, Is.EqualTo(276100000m));
    }

    [Test]
    public void ReportsEveryProblemAtOnce()
    {
        var invalid = Assert.Throws<SnapshotValidationException>(() => SnapshotReader.Read("""
            {
              "market": { "4h": { "longs": -1, "shorts": 2 }, "24h": { "longs": 10 } },
              "coins": [ { "symbol": "ETH", "windows": { "24h": { "longs": 1, "shorts": 1 } } },
                         { "symbol": "ETH", "windows": { "24h": { "longs": 1, "shorts": 1 } } } ]
            }
            """, TestData.Now));

        Assert.That(invalid.Errors, Is.EqualTo(new[]
        {
            "asOf: missing",
            "market.4h.longs: -1 is negative",
            "market.24h.shorts: missing",
            "coins[1].symbol: \"ETH\" is a duplicate of coins[0].symbol",
        }));
    }

    [Test]
    public void RefusesBytesThatAreNotUtf8AndReadsTheRest()
    {
        var invalid = Assert.Throws<SnapshotValidationException>(() => SnapshotReader.Decode([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}']));

        Assert.That(invalid.Errors, Is.EqualTo(new[] { "(document): not valid UTF-8 at byte 3" }));
        Assert.That(SnapshotReader.Decode([0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']), Is.EqualTo("{}"), "a byte-order mark is not part of the text");
    }

    [Test]
    public void NegativeZeroIsZeroWhereASignIsAllowed()
    {
        var snapshot = SnapshotReader.Read(Valid.Replace("\"priceChangePercent\": { \"24h\": 4.1 }", "\"priceChangePercent\": { \"24h\": -0.0 }", StringComparison.Ordinal), TestData.Now);

        Assert.That(snapshot.Coins.Single().Context.PriceChangePercent[Window.Day].ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("0"));
    }

    [Test]
    public void RejectsMalformedJsonWithItsPosition()
    {
        var invalid = Assert.Throws<SnapshotValidationException>(() => SnapshotReader.Read("{ \"asOf\": ", TestData.Now));

        Assert.That(invalid.Errors, Is.EqualTo(new[] { "(document): not well-formed JSON at line 1, byte 11" }));
    }

    [Test]
    public void WritesTheSameBytesForTheSameData()
    {
        var reordered = """
            { "market": { "24h": { "shorts": 330700000.0, "longs": 66340000, "total": 397040000 } }, "asOf": "2026-11-24T13:00:00+01:00" }
            """;
        var plain = """{ "asOf": "2026-11-24T12:00:00Z", "market": { "24h": { "longs": 66340000, "shorts": 330700000, "total": 397040000 } } }""";

        var a = SnapshotWriter.ToUtf8Json(SnapshotReader.Read(reordered, TestData.Now));
        var b = SnapshotWriter.ToUtf8Json(SnapshotReader.Read(plain, TestData.Now));

        Assert.That(SnapshotWriter.Fingerprint(a), Is.EqualTo(SnapshotWriter.Fingerprint(b)));
        Assert.That(SnapshotReader.Read(System.Text.Encoding.UTF8.GetString(a), TestData.Now).Market.Day, Is.EqualTo(new Liquidations(66340000, 330700000, 397040000)));
    }
}
