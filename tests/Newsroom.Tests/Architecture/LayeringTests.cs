using System.Reflection;
using System.Reflection.Emit;
using Newsroom.Snapshots;

namespace Newsroom.Tests.Architecture;

/// <summary>
/// Newsroom.Core's feature folders (one namespace each) form layers: a folder may use the folders below it, never one
/// above. A dependency is a type reference: a base type, interface, attribute, field, property, signature or local, or
/// a type, method or field a method body names (so lambdas and async methods count, as they compile to nested types).
/// </summary>
[Category("Unit")]
public class LayeringTests
{
    /// <summary>The allowed order, bottom first: each folder may use only the folders before it. The hosts (src/Newsroom) use them all.</summary>
    private static readonly string[] Layers =
    [
        "Configuration", "Telemetry", // settings and meters, for everyone
        "Snapshots", "Rules", "History", "Articles", // the domain model: the data, its findings, its past, the article
        "News", "Rendering", // the engine: judgement, writing and fact check
        "Storage", "Publishing", "Webhooks", // keeping articles, their files and lifecycle, telling subscribers
        "Sources", "Runs", "Desk", // fetching snapshots, running the engine on them, the editors' desk
    ];

    private static readonly Assembly Core = typeof(Snapshot).Assembly;

    [Test]
    public void EveryCoreFolderHasALayer() =>
        Assert.That(Core.GetTypes().Select(Folder).OfType<string>().Distinct().Except(Layers), Is.Empty, "add the folder to Layers");

    [Test]
    public void NoCoreFolderDependsOnOneAboveIt()
    {
        var upward = Dependencies()
            .Where(d => Array.IndexOf(Layers, d.From) < Array.IndexOf(Layers, d.To))
            .GroupBy(d => (d.From, d.To), d => d.Example)
            .Select(g => $"{g.Key.From} -> {g.Key.To}: {g.First()}");

        Assert.That(upward, Is.Empty);
    }

    [Test]
    public void TheMeasureSeesWhatOnlyAMethodBodyNames() =>
        Assert.That(Dependencies().Select(d => (d.From, d.To)), Does.Contain(("Webhooks", "Publishing")), "the outbox builds a NinjsItem inside an async method");

    [Test]
    public void TheDesksMarkupIsBuiltInTheHost()
    {
        // Ids and CSS classes on rendered Markdown come from Markdig's HTML attributes: the core renders articles, the host the desk's page.
        var markup = from type in Core.GetTypes()
            from used in Used(type).SelectMany(Parts)
            where used.Namespace == "Markdig.Renderers.Html"
            select $"{type.FullName} uses {used.FullName}";

        Assert.That(markup.Distinct(), Is.Empty);
    }

    /// <summary>Every use of another folder's type, with the type that uses it.</summary>
    private static IEnumerable<(string From, string To, string Example)> Dependencies() =>
        from type in Core.GetTypes()
        let user = Folder(type)
        where user is not null
        from used in Used(type).SelectMany(Parts)
        let folder = Folder(used)
        where folder is not null && folder != user
        select (user, folder, $"{type.FullName} uses {used.FullName}");

    /// <summary>The folder of one of Newsroom.Core's types: its namespace's second part (nested types share their outer type's).</summary>
    private static string? Folder(Type type) =>
        type.Assembly == Core && !type.IsGenericParameter && type.Namespace?.Split('.') is ["Newsroom", var folder, ..] ? folder : null;

    /// <summary>A type with the types it is built from: an array's element, a generic type's arguments.</summary>
    private static IEnumerable<Type> Parts(Type type) =>
        type.HasElementType ? Parts(type.GetElementType()!)
        : type.IsConstructedGenericType ? type.GetGenericArguments().SelectMany(Parts).Prepend(type.GetGenericTypeDefinition())
        : [type];

    private static IEnumerable<Type> Used(Type type)
    {
        const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        IEnumerable<Type> used = [.. type.GetInterfaces(), .. type.GetCustomAttributesData().Select(a => a.AttributeType)];
        used = used
            .Concat(type.BaseType is { } baseType ? [baseType] : [])
            .Concat(type.GetFields(declared).Select(f => f.FieldType))
            .Concat(type.GetProperties(declared).Select(p => p.PropertyType));
        var methods = type.GetMethods(declared).Concat<MethodBase>(type.GetConstructors(declared));
        return used.Concat(methods.SelectMany(m => Signature(m).Concat(Body(m))));
    }

    private static IEnumerable<Type> Signature(MethodBase method) =>
        method.GetParameters().Select(p => p.ParameterType)
            .Concat(method is MethodInfo info ? [info.ReturnType] : [])
            .Concat(method.IsGenericMethod ? method.GetGenericArguments() : [])
            .Concat(method.DeclaringType is { } declaring ? [declaring] : []);

    /// <summary>The locals of a method's body and every type, field and method its IL names.</summary>
    private static IEnumerable<Type> Body(MethodBase method)
    {
        if (method.GetMethodBody() is not { } body)
        {
            yield break;
        }
        foreach (var local in body.LocalVariables)
        {
            yield return local.LocalType;
        }
        var il = body.GetILAsByteArray()!;
        var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var opCode = il[at] == 0xFE ? OpCodesByValue[0x100 | il[at + 1]] : OpCodesByValue[il[at]];
            at += opCode.Size;
            if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                var types = member switch
                {
                    Type t => [t],
                    FieldInfo f => [f.FieldType, .. f.DeclaringType is { } d ? [d] : Array.Empty<Type>()],
                    MethodBase m => Signature(m),
                    _ => [],
                };
                foreach (var t in types)
                {
                    yield return t;
                }
            }
            at += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }
    }

    /// <summary>IL opcodes by their value: one-byte ones at 0x00–0xFF, the two-byte ones (0xFE xx) at 0x100 | xx.</summary>
    private static readonly Dictionary<int, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Size == 1 ? o.Value & 0xFF : 0x100 | (o.Value & 0xFF));
}
