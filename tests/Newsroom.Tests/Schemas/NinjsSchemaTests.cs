using System.Text.Json;

namespace Newsroom.Tests.Schemas;

[Category("Unit")]
public class NinjsSchemaTests
{
    [Test]
    public void TheOfficialSchemaRejectsTheItemsNewsroomUsedToSend()
    {
        // The shape before ninjs 3.1 was followed: a string source type and a property of Newsroom's own.
        using var old = JsonDocument.Parse("""
            {
              "uri": "urn:newsroom:article:x", "version": "1", "type": "text", "pubStatus": "usable",
              "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia",
              "headlines": [{ "value": "A headline", "role": "main" }],
              "newsroom": { "storyKey": "market/long-squeeze/2026-11-20T08:00Z" }
            }
            """);

        var errors = NinjsSchema.Errors(old.RootElement);

        Assert.That(errors, Has.Some.Contain("/digitalSourceType"));
        Assert.That(errors, Has.Some.Contain("newsroom"));
    }
}
