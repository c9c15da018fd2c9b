namespace Segmenta.Storage.Privacy;

/// <summary>
/// Right to erasure: removes a customer from every table — profile, orders and lines, events (also
/// those under anonymous ids the customer was identified with), sessions, identities, quarantined rows.
/// </summary>
public static class CustomerEraser
{
    /// <summary>Erases <paramref name="customerId"/> in one transaction; returns rows removed per table.</summary>
    public static Task<IReadOnlyDictionary<string, long>> EraseAsync(IAnalyticsEngine engine, string customerId, CancellationToken cancellationToken = default) =>
        engine.InTransactionAsync<IReadOnlyDictionary<string, long>>(async ct =>
        {
            var removed = new Dictionary<string, long>(StringComparer.Ordinal);
            var id = new object?[] { customerId };
            async Task Delete(string table, string where)
            {
                removed[table] = await engine.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {where}", id, ct).ConfigureAwait(false);
                await engine.ExecuteAsync($"DELETE FROM {table} WHERE {where}", id, ct).ConfigureAwait(false);
            }
            await Delete("events", "customer_id = $1 OR anonymous_id IN (SELECT anonymous_id FROM identities WHERE customer_id = $1)").ConfigureAwait(false);
            await Delete("sessions", "customer_id = $1").ConfigureAwait(false);
            await Delete("identities", "customer_id = $1").ConfigureAwait(false);
            await Delete("order_lines", "customer_id = $1").ConfigureAwait(false);
            await Delete("orders", "customer_id = $1").ConfigureAwait(false);
            await Delete("customers", "customer_id = $1").ConfigureAwait(false);
            await Delete("quarantine", "customer_id = $1").ConfigureAwait(false);
            return removed;
        }, cancellationToken);
}
