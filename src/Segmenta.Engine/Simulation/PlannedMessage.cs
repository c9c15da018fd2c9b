namespace Segmenta.Engine.Simulation;

/// <summary>A campaign message a customer opened (and possibly clicked).</summary>
/// <param name="OpenTime">Open time in days from the period start.</param>
/// <param name="Campaign">Campaign index.</param>
/// <param name="ClickTime">Click time in days, or a negative number when not clicked.</param>
internal readonly record struct PlannedMessage(double OpenTime, int Campaign, double ClickTime);
