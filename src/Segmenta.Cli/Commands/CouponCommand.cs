using System.CommandLine;

using Segmenta.Core.Campaigns;
using Segmenta.Engine.Campaigns;
using Segmenta.Storage.Campaigns;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta coupon create | codes | list | status</c> (docs/campaigns.md §2).</summary>
internal static class CouponCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var coupon = new Command("coupon", "Coupons: percent, fixed or free shipping; pools of single-use codes; redemptions from orders");
        coupon.Subcommands.Add(New(context));
        coupon.Subcommands.Add(Codes(context));
        coupon.Subcommands.Add(List(context));
        coupon.Subcommands.Add(Status(context));
        return coupon;
    }

    private static Command New(Func<ParseResult, CliContext> context)
    {
        var id = new Argument<string>("id") { Description = "Coupon id, e.g. welcome10 (also the code prefix)" };
        var kind = new Option<string>("--kind") { Description = "percent, fixed or free_shipping", Required = true };
        var value = new Option<double>("--value") { Description = "Percent, amount, or shipping fee" };
        var minOrder = new Option<double>("--min-order") { Description = "Smallest eligible order amount" };
        var categories = new Option<string[]>("--category") { Description = "Limit to this category (repeatable)", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string>("--from") { Description = "First valid shop day", Required = true };
        var to = new Option<string>("--to") { Description = "Last valid shop day", Required = true };
        var perCustomer = new Option<int>("--per-customer") { Description = "Codes one customer may be issued", DefaultValueFactory = _ => 1 };
        var command = new Command("create", "Create a coupon") { id, kind, value, minOrder, categories, from, to, perCustomer };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            var coupon = new Coupon
            {
                Id = parse.GetValue(id)!, Kind = Coupon.ParseKind(parse.GetValue(kind)!), Value = parse.GetValue(value), MinOrder = parse.GetValue(minOrder),
                Categories = parse.GetValue(categories) ?? [], ValidFrom = MetricsCommand.ParseDate(parse.GetValue(from), "--from")!.Value,
                ValidTo = MetricsCommand.ParseDate(parse.GetValue(to), "--to")!.Value, PerCustomerLimit = parse.GetValue(perCustomer),
            }.Validate();
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            await Coupons.CreateAsync(workspace, coupon, ctx.Clock.GetUtcNow().UtcDateTime, ct).ConfigureAwait(false);
            ctx.Emit(coupon, c => c.MarkupLine($"coupon [bold]{Markup.Escape(coupon.Id)}[/] created"));
        }));
        return command;
    }

    private static Command Codes(Func<ParseResult, CliContext> context)
    {
        var id = new Argument<string>("id") { Description = "Coupon id" };
        var count = new Option<int>("--count") { Description = "How many new single-use codes", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "Also write the codes to this file, one a line" };
        var command = new Command("codes", "Add a pool of unique single-use codes (cryptographically random, no look-alike characters)") { id, count, output };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var codes = await Coupons.GeneratePoolAsync(workspace, parse.GetValue(id)!, parse.GetValue(count), ctx.Clock.GetUtcNow().UtcDateTime, ct).ConfigureAwait(false);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllLinesAsync(file, codes, ct).ConfigureAwait(false);
            }
            ctx.Emit(new { coupon = parse.GetValue(id), codes }, c => c.MarkupLine($"{codes.Count:N0} codes added, e.g. {Markup.Escape(codes.Count > 0 ? codes[0] : "")}"));
        }));
        return command;
    }

    private static Command List(Func<ParseResult, CliContext> context)
    {
        var command = new Command("list", "The coupons");
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var list = (await CampaignStore.ListAsync(workspace.Engine, "coupon", ct).ConfigureAwait(false)).Select(x => CampaignJson.ReadCoupon(x.Json)).ToList();
            ctx.Emit(new { coupons = list }, c =>
            {
                var t = new Table().AddColumns("id", "kind", "value", "min order", "categories", "valid", "per customer");
                foreach (var k in list)
                {
                    t.AddRow(Markup.Escape(k.Id), Coupon.KindName(k.Kind), CliFormat.Cell(k.Value), CliFormat.Cell(k.MinOrder), Markup.Escape(string.Join(", ", k.Categories)),
                        $"{k.ValidFrom:yyyy-MM-dd} – {k.ValidTo:yyyy-MM-dd}", CliFormat.Cell(k.PerCustomerLimit));
                }
                c.Write(t);
            });
        }));
        return command;
    }

    private static Command Status(Func<ParseResult, CliContext> context)
    {
        var id = new Argument<string>("id") { Description = "Coupon id" };
        var today = new Option<string?>("--today") { Description = "Shop day for expiry (default: today)" };
        var command = new Command("status", "Codes issued, redeemed (matched from orders' coupon codes), expired, and rejected uses") { id, today };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var day = MetricsCommand.ParseDate(parse.GetValue(today), "--today") ?? CampaignRunner.ShopDay(workspace, ctx.Clock.GetUtcNow().UtcDateTime);
            var status = await Coupons.StatusAsync(workspace, parse.GetValue(id)!, day, ct).ConfigureAwait(false);
            ctx.Emit(status, c =>
            {
                c.MarkupLine($"coupon [bold]{Markup.Escape(status.Coupon.Id)}[/]: {status.Codes:N0} codes, {status.Issued:N0} issued, {status.Redeemed:N0} redeemed, " +
                    $"{status.Expired:N0} expired, {status.Open:N0} open; redemption rate {CliFormat.Percent(double.IsNaN(status.RedemptionRate) ? null : status.RedemptionRate)}");
                foreach (var (reason, n) in status.Rejected)
                {
                    c.MarkupLine($"  rejected uses, {Markup.Escape(reason)}: {n:N0}");
                }
            });
        }));
        return command;
    }

}
