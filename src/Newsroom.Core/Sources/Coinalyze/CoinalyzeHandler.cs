using Microsoft.Extensions.Options;
using Newsroom.Telemetry;

namespace Newsroom.Sources.Coinalyze;

/// <summary>Under each attempt: sends the key in the api_key header (never in the logged URL) and counts the request.</summary>
public sealed class CoinalyzeHandler(IOptions<CoinalyzeOptions> options, NewsroomTelemetry telemetry) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("api_key");
        request.Headers.TryAddWithoutValidation("api_key", options.Value.ApiKey);
        var response = await base.SendAsync(request, cancellationToken);
        telemetry.SourceRequests.Add(1, new("provider", "coinalyze"), new("path", request.RequestUri?.AbsolutePath), new("status", (int)response.StatusCode));
        return response;
    }
}
