using System.CommandLine;
using System.Globalization;
using Segmenta.Core;
using Segmenta.Core.Baskets;
using Segmenta.Storage.Baskets;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta basket</c> (association rules) and <c>segmenta recommend CUSTOMER</c> (docs/baskets.md).</summary>
internal static class BasketCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var support = new Option<double>("--min-support") { Description = "Minimum support (fraction of baskets)", DefaultValueFactory = _ => 0.01 };
        var confidence = new Option<double>("--min-confidence") { Description = "Minimum confidence", DefaultValueFactory = _ => 0.5 };
        var length = new Option<int>("--max-length") { Description = "Longest itemset", DefaultValueFactory = _ => 10 };
        var item = new Option<string?>("--item") { Description = "Only rules that contain this item" };
        var top = new Option<int>("--top") { Description = "Rules to show (by lift)", DefaultValueFactory = _ => 20 };
        var command = new Command("basket", "Frequent itemsets and association rules (FP-Growth) over order baskets") { support, confidence, length, item, top };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var baskets = await BasketQueries.BasketsAsync(workspace.Engine, ct).ConfigureAwait(false);
            if (baskets.Count == 0)
            {
                throw new SegmentaInputException("the workspace has no baskets: import orders with products first");
            }
            var result = AssociationRules.Mine(baskets, new AssociationRuleOptions
            {
                MinSupport = parse.GetValue(support),
                MinConfidence = parse.GetValue(confidence),
                MaxLength = parse.GetValue(length),
            });
            if (parse.GetValue(item) is { } wanted)
            {
                if (!baskets.Contains(wanted))
                {
                    throw new SegmentaInputException($"--item {wanted}: no basket contains this item");
                }
                result = result.Filter(wanted);
            }
            var shown = result.Rules.Take(parse.GetValue(top)).Select(r => new
            {
                antecedent = r.Antecedent, consequent = r.Consequent, r.Count, r.Support, r.Confidence, r.Lift, r.Leverage,
                conviction = double.IsPositiveInfinity(r.Conviction) ? (double?)null : r.Conviction,
            }).ToList();
            var output = new { baskets = baskets.Count, items = baskets.ItemCount, minimum_count = result.MinimumCount, frequent_itemsets = result.FrequentItemsetCount, rules = result.Rules.Count, top = shown };
            ctx.Emit(output, c =>
            {
                c.MarkupLine($"{baskets.Count:N0} baskets, {baskets.ItemCount:N0} items; {result.FrequentItemsetCount:N0} frequent itemsets (count ≥ {result.MinimumCount}); [bold]{result.Rules.Count:N0}[/] rules");
                var t = new Table().AddColumns("rule", "support", "confidence", "lift", "leverage", "conviction");
                foreach (var r in result.Rules.Take(parse.GetValue(top)))
                {
                    t.AddRow(Markup.Escape(r.ToString()), F(r.Support), F(r.Confidence), F(r.Lift), F(r.Leverage), double.IsPositiveInfinity(r.Conviction) ? "∞" : F(r.Conviction));
                }
                c.Write(t);
            });
        }));
        return command;
    }

    public static Command CreateRecommend(Func<ParseResult, CliContext> context)
    {
        var customer = new Argument<string?>("customer") { Description = "Customer to recommend for", Arity = ArgumentArity.ZeroOrOne };
        var top = new Option<int>("--top") { Description = "How many items", DefaultValueFactory = _ => 10 };
        var evaluate = new Option<string?>("--evaluate-split") { Description = "Instead: train before this day, test after it, against the popularity baseline (YYYY-MM-DD)" };
        var command = new Command("recommend", "Items a customer is likely to want (item-to-item cosine), or an offline evaluation") { customer, top, evaluate };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var purchases = await BasketQueries.PurchasesAsync(workspace.Engine, ct).ConfigureAwait(false);
            if (purchases.Count == 0)
            {
                throw new SegmentaInputException("the workspace has no identified customers' purchases: import orders first");
            }
            var k = parse.GetValue(top);
            if (parse.GetValue(evaluate) is { } split)
            {
                var cutoff = MetricsCommand.ParseDate(split, "--evaluate-split")!.Value.ToDateTime(TimeOnly.MinValue);
                var sets = RecommenderEvaluation.SplitByTime(purchases, cutoff);
                var comparison = RecommenderEvaluation.CompareWithPopularity(sets.Train, sets.Test, k);
                var result = new { split = cutoff, k, model = comparison.Model, popularity = comparison.Popularity, hit_rate_lift = comparison.HitRateLift };
                ctx.Emit(result, c => c.WriteLine(System.Text.Json.JsonSerializer.Serialize(result, CliContext.Json)));
                return;
            }
            var id = parse.GetValue(customer) ?? throw new SegmentaInputException("give a customer id, or --evaluate-split DATE");
            var history = PurchaseHistory.Create(purchases.Select(p => new Purchase(p.CustomerId, p.Item)));
            if (!history.ContainsCustomer(id))
            {
                throw new SegmentaInputException($"customer {id} has no purchases in this workspace");
            }
            var items = new ItemSimilarityRecommender(history).Recommend(id, k);
            ctx.Emit(new { customer_id = id, bought = history.ItemsOf(id).Count, recommendations = items }, c =>
            {
                var t = new Table().AddColumns("item", "score", "why");
                foreach (var i in items)
                {
                    t.AddRow(Markup.Escape(i.Item), F(i.Score), Markup.Escape(i.Source.ToString()));
                }
                c.Write(t);
            });
        }));
        return command;
    }

    private static string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
