using System.Net;
using Microsoft.Net.Http.Headers;

namespace DataGouvTerr.Hub.Operations;

/// <summary>
/// <c>GET /</c>: a short page that says what the hub is and where to go (web map, API reference, OpenAPI document,
/// health). French first; English when the browser prefers it (Accept-Language). No data, no token, no script.
/// </summary>
internal static class LandingPage
{
    /// <summary>The two languages of the page, in the order they are offered.</summary>
    private static readonly string[] Languages = ["fr", "en"];

    public static IResult Get(HttpContext http)
    {
        var language = Choose(http.Request.Headers.AcceptLanguage.ToString());
        http.Response.Headers.ContentLanguage = language;
        http.Response.Headers.Vary = HeaderNames.AcceptLanguage;
        // The page is static: the strictest policy that still shows it (inline style only).
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return Results.Text(language == "en" ? English : French, "text/html; charset=utf-8");
    }

    /// <summary>French unless the first language the client ranks highest among ours is English (q-values respected).</summary>
    internal static string Choose(string acceptLanguage)
    {
        if (!StringWithQualityHeaderValue.TryParseList(acceptLanguage.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), out var ranges))
        {
            return "fr";
        }
        var best = ranges
            .Select((r, index) => (Tag: r.Value.Value ?? "", Quality: r.Quality ?? 1.0, Index: index))
            .Where(r => r.Quality > 0)
            .Select(r => (Language: Languages.FirstOrDefault(l => r.Tag.Equals(l, StringComparison.OrdinalIgnoreCase)
                || r.Tag.StartsWith(l + "-", StringComparison.OrdinalIgnoreCase)), r.Quality, r.Index))
            .Where(r => r.Language is not null)
            .OrderByDescending(r => r.Quality).ThenBy(r => r.Index)
            .FirstOrDefault();
        return best.Language ?? "fr";
    }

    private static string Page(string lang, string title, string intro, string members, (string Href, string Label, string What)[] links, string footer) =>
        $$"""
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
        h1{font-size:1.6rem} li{margin:.4rem 0} code{background:#f2f2f2;padding:0 .2rem} footer{margin-top:2rem;color:#555;font-size:.9rem}</style>
        </head>
        <body>
        <h1>{{WebUtility.HtmlEncode(title)}}</h1>
        <p>{{intro}}</p>
        <p>{{members}}</p>
        <ul>
        {{string.Join("\n", links.Select(l => $"<li><a href=\"{l.Href}\">{WebUtility.HtmlEncode(l.Label)}</a> — {l.What}</li>"))}}
        </ul>
        <footer>{{footer}}</footer>
        </body>
        </html>
        """;

    private static readonly string French = Page("fr", "DataGouvTerr — plateforme de données de mobilité du bassin",
        "DataGouvTerr est le lieu neutre où les membres d'un bassin de mobilité mettent en commun leurs données de mobilité "
        + "selon leur contrat opérationnel de mobilité (LOM) : les opérateurs déposent leurs flux (GTFS, MDS, GBFS), les autorités "
        + "organisatrices, les planificateurs et les associations reçoivent ce que le contrat leur accorde — flux origine–destination, "
        + "disponibilité des véhicules, cartes des arrêts, indicateurs — agrégés, jamais plus fins que convenu. Chaque accès est journalisé.",
        "Les données se lisent avec un jeton de membre (<code>Authorization: Bearer …</code>) délivré par le tiers de confiance.",
        [
            ("/map", "Carte", "les produits auxquels votre jeton donne droit, sur une carte"),
            ("/docs", "Référence de l'API", "chaque point d'accès, ses paramètres et ses réponses"),
            ("/openapi/v1.json", "Document OpenAPI", "pour générer un client"),
            ("/health", "État", "la base et la file de tâches répondent-elles ?"),
        ],
        "English: send <code>Accept-Language: en</code>.");

    private static readonly string English = Page("en", "DataGouvTerr — the mobility data commons hub",
        "DataGouvTerr is the neutral place where the members of a French mobility area (bassin de mobilité) pool their mobility "
        + "data under their operational mobility contract (LOM): operators deposit their feeds (GTFS, MDS, GBFS); mobility "
        + "authorities, planners and associations get what the contract grants them — origin–destination flows, vehicle "
        + "availability, stop maps, indicators — aggregated, never finer than agreed. Every access is logged.",
        "Data is read with a member token (<code>Authorization: Bearer …</code>) issued by the trusted third party.",
        [
            ("/map", "Map", "the products your token gives you, on a map"),
            ("/docs", "API reference", "every endpoint, its parameters and responses"),
            ("/openapi/v1.json", "OpenAPI document", "to generate a client"),
            ("/health", "Health", "do the store and the job queue answer?"),
        ],
        "Français : <code>Accept-Language: fr</code> (par défaut).");
}
