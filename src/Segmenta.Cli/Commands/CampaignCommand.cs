using System.CommandLine;
using System.Globalization;
using Segmenta.Core;
using Segmenta.Core.Campaigns;
using Segmenta.Engine.Campaigns;
using Segmenta.Storage.Campaigns;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta campaign create | list | run | results</c> (docs/campaigns.md §3–4).</summary>
internal static class CampaignCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var campaign = new Command("campaign", "Campaigns: audience, coupon, message, channel, schedule or trigger; a durable outbox; results against control");
        campaign.Subcommands.Add(New(context));
        campaign.Subcommands.Add(List(context));
        campaign.Subcommands.Add(Run(context));
        campaign.Subcommands.Add(Results(context));
        return campaign;
    }

    private static Command New(Func<ParseResult, CliContext> context)
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var segment = new Option<string?>("--segment") { Description = "Audience: a segment id" };
        var where = new Option<string?>("--where") { Description = "Audience: a condition, e.g. \"r >= 4 and monetary > 100\"" };
        var coupon = new Option<string?>("--coupon") { Description = "Coupon id: one single-use code per message" };
        var channel = new Option<string>("--channel") { Description = "webhook, email or csv", Required = true };
        var url = new Option<string?>("--url") { Description = "Webhook URL" };
        var consent = new Option<string?>("--consent") { Description = "Consent required: email, sms or push (default: sms for csv, else email)" };
        var subject = new Option<string>("--subject") { Description = "Subject template", DefaultValueFactory = _ => "" };
        var body = new Option<string>("--body") { Description = "Message template with {{fields}}", Required = true };
        var schedule = new Option<string>("--schedule") { Description = "once or daily (a --trigger implies trigger)", DefaultValueFactory = _ => "once" };
        var trigger = new Option<string?>("--trigger") { Description = "days_since_last_purchase, cart_abandoned, before_predicted_order, segment_entry, segment_exit, signup, band_change" };
        var days = new Option<int>("--days") { Description = "Trigger delay in days" };
        var hours = new Option<int>("--hours") { Description = "Trigger delay in hours (cart_abandoned)" };
        var triggerSegment = new Option<string?>("--trigger-segment") { Description = "Segment watched by segment_entry / segment_exit" };
        var triggerBand = new Option<int?>("--trigger-band") { Description = "band_change: only moves into this purchase-probability band (1 = lowest)" };
        var holdout = new Option<double>("--holdout") { Description = "Percent held out as control" };
        var sto = new Option<bool>("--send-time-optimisation") { Description = "Send at each customer's most active hour" };
        var command = new Command("create", "Create a campaign")
            { id, segment, where, coupon, channel, url, consent, subject, body, schedule, trigger, days, hours, triggerSegment, triggerBand, holdout, sto };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            var triggerName = parse.GetValue(trigger);
            var definition = new CampaignDefinition
            {
                Id = parse.GetValue(id)!, Segment = parse.GetValue(segment), Where = parse.GetValue(where), CouponId = parse.GetValue(coupon),
                Channel = CampaignDefinition.ParseChannel(parse.GetValue(channel)!), Url = parse.GetValue(url), Consent = parse.GetValue(consent),
                Subject = parse.GetValue(subject)!, Body = parse.GetValue(body)!,
                Schedule = triggerName is null ? parse.GetValue(schedule)! : "trigger",
                Trigger = triggerName is null ? null : new CampaignTrigger
                {
                    Kind = CampaignTrigger.Parse(triggerName), Days = parse.GetValue(days), Hours = parse.GetValue(hours), Segment = parse.GetValue(triggerSegment), Band = parse.GetValue(triggerBand),
                },
                HoldoutPercent = parse.GetValue(holdout), SendTimeOptimisation = parse.GetValue(sto),
            };
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var created = await CampaignRunner.CreateAsync(workspace, definition, ctx.Clock.GetUtcNow().UtcDateTime, ct).ConfigureAwait(false);
            ctx.Emit(created, c => c.MarkupLine($"campaign [bold]{Markup.Escape(created.Id)}[/] created"));
        }));
        return command;
    }

    private static Command List(Func<ParseResult, CliContext> context)
    {
        var command = new Command("list", "The campaigns and their outbox counts");
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var list = new List<object>();
            var table = new Table().AddColumns("id", "audience", "channel", "schedule", "pending", "sent", "control");
            foreach (var (cid, json) in await CampaignStore.ListAsync(workspace.Engine, "campaign", ct).ConfigureAwait(false))
            {
                var d = CampaignJson.ReadCampaign(json);
                var counts = await CampaignStore.StatusCountsAsync(workspace.Engine, cid, ct).ConfigureAwait(false);
                list.Add(new { campaign = d, outbox = counts });
                table.AddRow(Markup.Escape(cid), Markup.Escape(d.AudienceCondition), d.Channel.ToString().ToLowerInvariant(),
                    Markup.Escape(d.Trigger is { } t ? "trigger " + CampaignTrigger.Name(t.Kind) : d.Schedule),
                    CliFormat.Cell(counts.GetValueOrDefault("pending")), CliFormat.Cell(counts.GetValueOrDefault("sent")), CliFormat.Cell(counts.GetValueOrDefault("control")));
            }
            ctx.Emit(new { campaigns = list }, c => c.Write(table));
        }));
        return command;
    }

    private static Command Run(Func<ParseResult, CliContext> context)
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var now = new Option<string?>("--now") { Description = "Run as if at this UTC time (ISO 8601), for backfills and tests; default: now" };
        var command = new Command("run", "Plan today's messages into the outbox (idempotent) and deliver the due ones") { id, now };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            var at = ParseNow(parse.GetValue(now)) ?? ctx.Clock.GetUtcNow().UtcDateTime;
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var progress = new Progress<string>(ctx.Log);
            var result = await CampaignRunner.RunAsync(workspace, parse.GetValue(id)!, at, progress, ct).ConfigureAwait(false);
            ctx.Emit(result, c => c.MarkupLine(
                $"{result.Occurrence:yyyy-MM-dd}: {result.Matched:N0} matched, {result.NoConsent:N0} without consent, {result.Capped:N0} capped, " +
                $"{result.AlreadyPlanned:N0} already planned; {result.Planned:N0} new ({result.Control:N0} control); {result.Sent:N0} sent, {result.Failed:N0} failed, {result.Waiting:N0} waiting"));
        }));
        return command;
    }

    private static Command Results(Func<ParseResult, CliContext> context)
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var days = new Option<int?>("--days") { Description = "Days after the send in which orders count (default segmenta.json campaigns.result_days)" };
        var command = new Command("results", "Redemption, conversion, repeat purchase, incremental revenue vs control and ROI") { id, days };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var result = await CampaignResults.MeasureAsync(workspace, parse.GetValue(id)!, parse.GetValue(days), ct).ConfigureAwait(false);
            ctx.Emit(result, c =>
            {
                var t = new Table().AddColumns("arm", "customers", "conversion", "repeat purchase", "revenue / customer");
                foreach (var a in result.Arms)
                {
                    t.AddRow(a.Arm, CliFormat.Cell(a.Customers), CliFormat.Percent(a.ConversionRate), CliFormat.Percent(a.RepeatPurchaseRate), CliFormat.Cell(a.RevenuePerCustomer));
                }
                c.Write(t);
                c.MarkupLine($"redemption rate {CliFormat.Percent(result.RedemptionRate)}; incremental revenue {CliFormat.Cell(result.IncrementalRevenue)}; " +
                    $"incremental margin {CliFormat.Cell(result.IncrementalMargin)}; coupon cost {CliFormat.Cell(result.CouponCost)}; send cost {CliFormat.Cell(result.SendCost)}; ROI {CliFormat.Cell(result.Roi)}");
            });
        }));
        return command;
    }

    private static DateTime? ParseNow(string? text)
    {
        if (text is null)
        {
            return null;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new SegmentaInputException($"--now '{text}' is not a date/time; use ISO 8601, e.g. 2025-03-05T10:00:00Z");
        }
        return value.UtcDateTime;
    }
}
