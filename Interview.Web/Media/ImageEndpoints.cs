using Microsoft.Net.Http.Headers;

namespace Interview.Web.Media;

/// <summary>Uploaded images: stored in the database, served at <c>/media/…</c> by every instance.</summary>
public static class ImageEndpoints
{
    /// <summary>The store, and the one-time import of what earlier versions wrote to the uploads folder.</summary>
    public static IServiceCollection AddImages(this IServiceCollection services)
    {
        services.AddSingleton<ImageStore>();
        services.AddHostedService<UploadsImport>();
        return services;
    }

    /// <summary>
    /// Each image with its stored type and a long cache life (every upload gets a new name, so a URL's bytes never
    /// change), with an ETag from its hash for revalidation; anything else under <c>/media</c> is a 404.
    /// </summary>
    public static IEndpointRouteBuilder MapImages(this IEndpointRouteBuilder app)
    {
        app.MapMethods(ImageStore.RequestPath + "/{**path}", [HttpMethods.Get, HttpMethods.Head], async (string path, ImageStore images, HttpContext http) =>
            {
                if (await images.FindAsync($"{ImageStore.RequestPath}/{path}", http.RequestAborted) is not { } image)
                {
                    return Results.NotFound();
                }
                http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return Results.Bytes(image.Bytes, image.MediaType, lastModified: image.StoredAt,
                    entityTag: new EntityTagHeaderValue($"\"{image.Sha256}\""));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private sealed class UploadsImport(ImageStore images, ILogger<UploadsImport> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (await images.ImportUploadsAsync(cancellationToken) is > 0 and var imported)
            {
                logger.LogInformation("Imported {Count} images from {Folder} into the database.", imported, images.Root);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
