using BenchmarkDotNet.Attributes;
using Markdig;
using Microsoft.Extensions.Options;
using Newsroom.Rendering;
using Newsroom.Rules;
using Newsroom.Snapshots;
using Newsroom.Sources;
using Scriban;
using Scriban.Runtime;

namespace Newsroom.Benchmarks;

/// <summary>
/// One article through rules, render, Markdown and fact check, against the floor: the same templates rendered from the
/// same model and facts by a bare Scriban context (importing the model, as Template.Render(model) does): the opening, the
/// profile's parts, the lead's context and the article around them, plus one Markdig conversion.
/// Targets: at most 100 µs median, at most 1.5× the floor.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ArticleBenchmarks
{
    private const string StoryKey = "market/short-squeeze/2026-11-24T12:00Z";
    private readonly Classifier _classifier = new(Options.Create(new RulesOptions()));
    private readonly TemplateLibrary _templates = TemplateLibrary.LoadEmbedded();
    private readonly Snapshot _snapshot = SnapshotReader.Read(SampleSnapshots.Read("seed"), DateTimeOffset.UtcNow);
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();
    private ArticleRenderer _renderer = null!;
    private TemplateContext _context = null!;
    private object _data = null!;
    private ArticleFacts _facts = null!;
    private ScriptObject _factsObject = null!;
    private ScriptObject _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new ArticleRenderer(_templates);
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        builtins.Import("money", new Func<decimal, string>(Numbers.Money));
        builtins.Import("rounded", new Func<decimal, string>(Numbers.Rounded));
        builtins.Import("pct", new Func<decimal, string>(Numbers.Percent));
        builtins.Import("rate", new Func<decimal, string>(Numbers.Rate));
        builtins.Import("ratio", new Func<decimal, string>(Numbers.Ratio));
        _context = new TemplateContext(builtins);
        var assessment = _classifier.AssessMarket(_snapshot);
        _data = ArticleModel.From(assessment, _snapshot);
        _facts = ArticleFacts.From(assessment);
        _factsObject = new ScriptObject { ["lead"] = _facts.Lead };
        foreach (var name in ArticleFacts.Names)
        {
            _factsObject[name] = _facts.Holds(name);
        }
    }

    [Benchmark(Baseline = true)]
    public string Floor()
    {
        _model = new ScriptObject();
        _model.Import(_data);
        _model["facts"] = _factsObject;
        var parts = new ScriptObject { ["opening"] = RenderBare(_templates.Pick(TemplateLibrary.Opening, StoryKey, _facts)) };
        foreach (var part in TemplateLibrary.Parts)
        {
            parts[part.Replace('-', '_')] = RenderBare(_templates.Pick($"short-squeeze/{part}", StoryKey, _facts));
        }
        parts["context"] = RenderBare(_templates.Pick(TemplateLibrary.Context, StoryKey, _facts));
        parts["timing"] = RenderBare(_templates.Pick(TemplateLibrary.Timing, StoryKey, _facts));
        parts["short_history"] = RenderBare(_templates.Pick(TemplateLibrary.ShortHistory, StoryKey, _facts));
        _model["parts"] = parts;
        return Markdown.ToHtml(RenderBare(_templates.Get(TemplateLibrary.Article)), _pipeline);
    }

    [Benchmark]
    public string Article() => _renderer.Render(_classifier.AssessMarket(_snapshot), _snapshot, StoryKey).Html;

    private string RenderBare(NamedTemplate template)
    {
        _context.PushGlobal(_model);
        var text = template.Template.Render(_context);
        _context.Reset();
        return text;
    }
}
