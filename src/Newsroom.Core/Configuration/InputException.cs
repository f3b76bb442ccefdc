namespace Newsroom.Configuration;

/// <summary>
/// Bad input, named by its field ("role", "note") and never by a front end's syntax: the command line words the field
/// as its flag, the desk as its form's label.
/// </summary>
public sealed class InputException : ArgumentException
{
    public InputException(string field, string problem, Exception? inner = null)
        : base(problem, field, inner) => Problem = problem;

    /// <summary>The field at fault, as the core calls it.</summary>
    public string Field => ParamName!;

    /// <summary>What is wrong with it, without the field's name.</summary>
    public string Problem { get; }

    public override string Message => $"{Field}: {Problem}";
}
