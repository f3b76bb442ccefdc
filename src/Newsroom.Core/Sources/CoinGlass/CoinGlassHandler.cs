using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsroom.Telemetry;

namespace Newsroom.Sources.CoinGlass;

/// <summary>
/// The CoinGlass protocol under each attempt: adds the CG-API-KEY header, logs and measures the rate-limit headers, and turns an
/// HTTP 200 whose business code is not "0" into the status that code names (429 retried, 401/403 not), so the
/// resilience pipeline above treats "HTTP 200, code 429" like a real 429.
/// </summary>
public sealed partial class CoinGlassHandler(IOptions<SourcesOptions> options, NewsroomTelemetry telemetry, ILogger<CoinGlassHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("CG-API-KEY");
        request.Headers.TryAddWithoutValidation("CG-API-KEY", options.Value.CoinGlass.ApiKey);
        var response = await base.SendAsync(request, cancellationToken);
        var (used, max) = (Header(response, "API-KEY-USE-LIMIT"), Header(response, "API-KEY-MAX-LIMIT"));
        var path = request.RequestUri?.AbsolutePath;
        telemetry.SourceRequests.Add(1, new("provider", "coinglass"), new("path", path), new("status", (int)response.StatusCode));
        if (int.TryParse(used, CultureInfo.InvariantCulture, out var usedCount) && int.TryParse(max, CultureInfo.InvariantCulture, out var maxCount))
        {
            telemetry.SourceHeadroom.Record(maxCount - usedCount, new KeyValuePair<string, object?>("provider", "coinglass"));
        }
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogRateLimit(logger, path, used, max, (int)response.StatusCode);
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return response;
        }
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (BusinessCode(body) is { } code && code != "0" && int.TryParse(code, out var status) && status is >= 400 and <= 599)
        {
            response.StatusCode = (HttpStatusCode)status;
        }
        return response;
    }

    private static string? BusinessCode(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("code", out var code)
                ? code.ValueKind == JsonValueKind.String ? code.GetString() : code.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null; // malformed: the typed client reports it with the endpoint and the field
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "?";

    [LoggerMessage(Level = LogLevel.Information, Message = "CoinGlass {Path}: HTTP {Status}, requests used {Used} of {Max} this minute")]
    private static partial void LogRateLimit(ILogger logger, string? path, string used, string max, int status);
}
