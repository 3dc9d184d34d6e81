using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Interview.Web.Operations;

/// <summary>
/// The data-protection key ring on disk, owner-only: the file repository writes keys with the process's default mode,
/// so each key is tightened as soon as it is stored.
/// </summary>
internal sealed class OwnerOnlyKeyRepository : IXmlRepository
{
    private readonly FileSystemXmlRepository _inner;

    public OwnerOnlyKeyRepository(FileSystemXmlRepository inner)
    {
        _inner = inner;
        OwnerOnly.Folder(inner.Directory.FullName);
    }

    public IReadOnlyCollection<XElement> GetAllElements() => _inner.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        _inner.StoreElement(element, friendlyName);
        foreach (var file in Directory.EnumerateFiles(_inner.Directory.FullName))
        {
            OwnerOnly.Restrict(file);
        }
    }
}
