using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Newsroom.Publishing;

namespace Newsroom.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json: the public endpoints with their result types, the bearer scheme on those
/// that need a key, and the configured public address as the server (never the request's Host).
/// </summary>
internal static class ApiDocument
{
    private const string Bearer = "bearer";

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info.Title = "Newsroom";
            document.Info.Description = "Crypto liquidation news as IPTC ninjs 3.1, with feeds. Keys come from `newsroom apikey create`.";
            document.Servers = [new OpenApiServer { Url = context.ApplicationServices.GetRequiredService<IOptions<PublishingOptions>>().Value.PublicBase.AbsoluteUri.TrimEnd('/') }];
            document.Tags = new HashSet<OpenApiTag>
            {
                new() { Name = "Articles", Description = "Articles as IPTC ninjs 3.1, their versions and evidence, and a cursor over every change." },
                new() { Name = "Feeds", Description = "What is published, as Atom and JSON Feed, and each article's canonical page." },
                new() { Name = "Operations", Description = "What operators and their monitors check." },
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [Bearer] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = Bearer, Description = "An API key: `Authorization: Bearer nrk_…`." },
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            // An empty requirement says an operation is open on purpose, not that its security was forgotten.
            operation.Security = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any()
                ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }]
                : [new OpenApiSecurityRequirement()];
            return Task.CompletedTask;
        });
    }
}
