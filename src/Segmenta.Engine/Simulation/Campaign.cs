namespace Segmenta.Engine.Simulation;

/// <summary>An e-mail campaign sent to every customer with e-mail consent.</summary>
/// <param name="Id">Campaign id, e.g. cmp_spring.</param>
/// <param name="SendDay">Send time in days from the period start.</param>
/// <param name="Category">Category the campaign promotes (landing page).</param>
/// <param name="LandingUrl">Landing page URL with UTM parameters.</param>
internal sealed record Campaign(string Id, double SendDay, int Category, string LandingUrl);
