/**
 * Trading accounting: executions, average-cost positions, the portfolio ledger, the FIFO lot report and the risk
 * figures that are pure arithmetic (system.md §6a, issue 14). No I/O; the store persists what this computes.
 *
 * <h2>Design note: conventions and their sources</h2>
 *
 * <p><b>Numbers.</b> Money and quantities are exact decimals at scale 8 ({@link io.dgas.ledger.Money}); money rounds
 * half-even and is reported to the cent; a quantity is never rounded. Market prices are doubles and enter the
 * arithmetic as their shortest decimal form ({@code BigDecimal.valueOf}). Each fill's notional (quantity × price) is
 * rounded once, to 10⁻⁸; the notional is what moves cash.
 *
 * <p><b>Average cost with signed quantities</b> (positive long, negative short). For a position of quantity Q at
 * average A and a fill of signed quantity q at price p:
 * <ul>
 *   <li>opening or adding (Q = 0 or q has Q's sign): A ← (Q·A + q·p) / (Q + q);
 *   <li>reducing or closing (|q| ≤ |Q|, opposite sign): A is unchanged and (p − A) × |q| × sign(Q) is realized;
 *   <li>reversing (|q| > |Q|): the whole of Q closes at p, realizing (p − A) × Q, and the remainder Q + q opens at
 *       A = p.
 * </ul>
 * This is backtrader's {@code Position.update} (backtrader/position.py: an increase re-averages, a reduction keeps
 * the price, a reversal sets the price to the fill price with {@code closed = −oldsize}); QuantConnect LEAN's
 * {@code SecurityPortfolioModel.ProcessFill} (Common/Securities/SecurityPortfolioModel.cs: closed quantity
 * min(|fill|, |holdings|), profit sign(−fill) × (fill price − average) × closed quantity, the average reset to the
 * fill price "if we've now passed through zero"); and nautilus_trader's {@code Position} (crates/model/src/position.rs:
 * {@code is_reversal} closes the previous quantity against {@code avg_px_open} and restarts with
 * {@code avg_px_open = last_px}).
 *
 * <p>Implementation: a {@link io.dgas.ledger.Position} keeps its cost basis Q·A rather than a rounded A, and a
 * reduction releases the closed share of it (rounded once); realized P&L is proceeds minus the released basis.
 * Hence {@code cash + market value = starting capital + realized + unrealized − costs} holds exactly. Each fill rounds
 * money at most twice, by half of 10⁻⁸, so realized P&L per fill matches the formulas within (closed quantity + 3) ×
 * 0.5·10⁻⁸, and A within (fills × 10⁻⁸) / |Q|: invisible at any practical size, coarse only for dust (|Q| near 10⁻⁸).
 *
 * <p><b>Costs.</b> Commissions and fees are realized costs, charged to cash when paid and kept apart from the gross
 * realized P&L; net P&L = realized − costs. LEAN keeps them the same way ({@code SecurityHolding.Profit} gross,
 * {@code NetProfit = Profit − TotalFees}), as does backtrader's {@code Trade} ({@code pnlcomm = pnl − commission});
 * nautilus folds commissions into {@code realized_pnl}, which is our net figure.
 *
 * <p><b>Unrealized P&L</b> marks the open quantity to the latest close: (mark − A) × Q, as nautilus's
 * {@code unrealized_pnl(price)}. LEAN's {@code UnrealizedProfit} also deducts an estimated exit fee and uses bid/ask;
 * we do not, since costs are counted when paid.
 *
 * <p><b>Idempotency.</b> An execution is identified by its broker execution id; the ledger applies an id once, and
 * a repeat is a no-op (the same id with other content is an error). nautilus likewise refuses a {@code trade_id}
 * already in a position. Replaying executions in any batching, with repeats, gives the same state.
 *
 * <p><b>FIFO lots</b> ({@link io.dgas.ledger.FifoLots}) serve closed-trade statistics only. Average cost and FIFO
 * assign different entry prices to the quantity still open, so they agree on total realized P&L only when flat:
 * for a symbol whose executions net to zero, Σ FIFO lot P&L = average-cost realized P&L = −Σ notionals, up to the
 * rounding of each notional and lot P&L at 10⁻⁸.
 */
package io.dgas.ledger;
