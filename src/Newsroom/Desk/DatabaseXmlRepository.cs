using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Newsroom.Desk;

/// <summary>The data-protection key ring in the shared database (<see cref="KeyRing"/>); the key manager's API is synchronous.</summary>
internal sealed class DatabaseXmlRepository(KeyRing keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        keys.AllAsync(CancellationToken.None).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        // The key manager names each key "key-<guid>": unique, so it is the row's id.
        keys.AddAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None).GetAwaiter().GetResult();
}
