using System.Text.RegularExpressions;

namespace Newsroom.Rendering;

/// <summary>How much of a set of articles is the same sentence word for word: the measure of stock prose.</summary>
public static partial class Repetition
{
    /// <param name="Sentences">Sentences counted: headlines and prose; headings, data bullets, disclaimer and footer left out.</param>
    /// <param name="Repeated">Those that appear word for word in another article.</param>
    /// <param name="Worst">The repeated sentences, most articles first.</param>
    public sealed record Report(int Sentences, int Repeated, IReadOnlyList<(string Sentence, int Articles)> Worst)
    {
        public decimal SharePercent => Sentences == 0 ? 0 : Repeated * 100m / Sentences;
    }

    /// <param name="framesOnly">
    /// Compare sentences with their figures, dates, clock times, symbols, names and the record book's triggers masked: the
    /// same frame about another day, coin, exchange or event repeats too.
    /// </param>
    public static Report Measure(IReadOnlyList<(string Headline, string Markdown)> articles, bool framesOnly = false)
    {
        var sentences = articles
            .Select(a => Sentences(a.Headline, a.Markdown).Select(s => framesOnly ? Frame(s) : s).ToList())
            .ToList();
        var articlesWith = sentences
            .SelectMany((list, article) => list.Distinct().Select(sentence => (sentence, article)))
            .GroupBy(x => x.sentence, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var repeated = sentences.Sum(list => list.Count(s => articlesWith[s] > 1));
        var worst = articlesWith.Where(p => p.Value > 1).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (p.Key, p.Value)).ToList();
        return new Report(sentences.Sum(list => list.Count), repeated, worst);
    }

    /// <summary>The headline and the prose sentences of an article.</summary>
    public static IEnumerable<string> Sentences(string headline, string markdown)
    {
        yield return headline.Trim();
        foreach (var line in markdown.Split('\n'))
        {
            var text = line.Trim();
            // Headings, list items (the data bullets), rules and the italic disclaimer and footer are boilerplate.
            if (text.Length == 0 || text[0] is '#' or '-' or '*')
            {
                continue;
            }
            foreach (var sentence in SentenceEnd().Split(text))
            {
                yield return sentence.Trim();
            }
        }
    }

    /// <summary>A sentence with what changes from one story to the next masked, each run of masks read as one.</summary>
    private static string Frame(string sentence)
    {
        foreach (var trigger in Triggers)
        {
            sentence = sentence.Replace(trigger, "#", StringComparison.OrdinalIgnoreCase);
        }
        return Masks().Replace(Names().Replace(Particulars().Replace(sentence, "#"), "#"), "#");
    }

    // The record book's triggers in all three forms, longest first, so a clause is masked before a shorter form inside it.
    private static readonly string[] Triggers = History.RecordBook.Embedded.Days
        .SelectMany(d => new[] { d.Event, d.Clause, d.Headline }).Distinct().OrderByDescending(t => t.Length).ToArray();

    // A capitalised word after a sentence's first is a name: an exchange, a company, a country.
    [GeneratedRegex(@"(?<=[^.!?] )[A-Z][\w'’-]*")]
    private static partial Regex Names();

    [GeneratedRegex(@"#(\W*#)*")]
    private static partial Regex Masks();

    // What differs from one day to the next: dates ("5 August 2024"), clock times ("16:00 UTC"), amounts, shares and
    // multiples with their units and hedges, and symbols ("BTC"); the words around them stay.
    [GeneratedRegex(@"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)( \d{4})?\b|\b\d{2}:\d{2}( UTC)?|(nearly |more than )?\$?\d[\d.,]*(%| million| billion| times)?|\b[A-Z]{2,6}\b")]
    private static partial Regex Particulars();

    // A sentence ends at . ! or ? followed by a space and a capital, a digit or a dollar sign ("$397.04" does not end one).
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z0-9$])")]
    private static partial Regex SentenceEnd();
}
