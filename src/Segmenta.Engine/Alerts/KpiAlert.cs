namespace Segmenta.Engine.Alerts;

/// <summary>A KPI rule that fired.</summary>
/// <param name="Rule"><c>week_over_week_drop</c> or <c>daily_z_score</c>.</param>
/// <param name="Kpi">The KPI's id.</param>
/// <param name="Day">The last day of the window judged (shop time zone).</param>
/// <param name="Value">Week over week: the last 7 days' total; z-score: the day's value.</param>
/// <param name="Baseline">Week over week: the 7 days before; z-score: the trailing days' mean.</param>
/// <param name="Score">Week over week: relative change (−0.25 = 25 % lower); z-score: z.</param>
/// <param name="Threshold">The threshold it crossed (a drop fraction, or |z|).</param>
public sealed record KpiAlert(string Rule, string Kpi, DateOnly Day, double Value, double Baseline, double Score, double Threshold);
