using System.Net;
using System.Text.Json;
using Polly.Timeout;
using Refit;

namespace Newsroom.Sources.CoinGlass;

/// <summary>One CoinGlass call's answer, or a <see cref="SourceException"/> naming the endpoint and what went wrong.</summary>
internal static class CoinGlassCall
{
    public static async Task<T> DataAsync<T>(string endpoint, Func<Task<Envelope<T>>> call)
    {
        try
        {
            var envelope = await call();
            if (envelope.Code != "0")
            {
                throw new SourceException($"CoinGlass {endpoint}: code {envelope.Code}: {envelope.Msg}");
            }
            return envelope.Data ?? throw new SourceException($"CoinGlass {endpoint}: data: missing");
        }
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new SourceException($"CoinGlass {endpoint}: refused by the plan or the key (HTTP {(int)e.StatusCode}): {Message(e)}", e);
        }
        catch (ApiException e) when (e.InnerException is JsonException json)
        {
            throw new SourceException($"CoinGlass {endpoint}: unexpected answer at {json.Path ?? "(document)"}: {json.Message}", e);
        }
        catch (ApiException e)
        {
            throw new SourceException($"CoinGlass {endpoint}: HTTP {(int)e.StatusCode}: {Message(e)}", e);
        }
        catch (Exception e) when (e is TimeoutRejectedException || e.InnerException is TimeoutRejectedException)
        {
            throw new SourceException($"CoinGlass {endpoint}: no answer within the time budget", e);
        }
        catch (Exception e) when (e is HttpRequestException or ApiRequestException)
        {
            throw new SourceException($"CoinGlass {endpoint}: {e.Message}", e);
        }
    }

    /// <summary>The business message ("Upgrade plan") when the body has one.</summary>
    private static string Message(ApiException e)
    {
        try
        {
            using var document = JsonDocument.Parse(e.Content ?? "");
            return document.RootElement.TryGetProperty("msg", out var msg) ? msg.ToString() : e.ReasonPhrase ?? "";
        }
        catch (JsonException)
        {
            return e.ReasonPhrase ?? "";
        }
    }
}
