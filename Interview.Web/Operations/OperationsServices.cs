using Interview.Web.Audit;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Interview.Web.Operations;

public static class OperationsServices
{
    /// <summary>Backups (the archive and the schedule), the audit chain's verifier, owner-only key files.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(new BackupArchive(dataDirectory));
        services.AddSingleton<BackupSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<BackupSchedule>());
        services.AddSingleton<AuditVerifier>();
        services.PostConfigure<KeyManagementOptions>(o =>
        {
            if (o.XmlRepository is FileSystemXmlRepository files)
            {
                o.XmlRepository = new OwnerOnlyKeyRepository(files);
            }
        });
        return services;
    }
}
