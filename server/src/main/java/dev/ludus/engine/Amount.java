package dev.ludus.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact decimal quantity (a metric value, a total, a threshold) kept as a whole number of
 * millionths, so that sums never drift the way binary floating point does (0.1 + 0.2 is 0.3 here).
 *
 * @param micros the quantity times 1,000,000
 */
public record Amount(long micros) implements Comparable<Amount> {

    /** Decimal places kept. */
    public static final int SCALE = 6;
    /** The largest magnitude a single value or threshold may have: 10^12. */
    public static final BigDecimal MAX_INPUT = BigDecimal.TEN.pow(12);
    /** The leading digit of {@link #MAX_INPUT}: 10^12. */
    private static final int MAX_DIGITS_BEFORE_POINT = 12;

    public static final Amount ZERO = new Amount(0);
    public static final Amount ONE = of(1);

    /** The whole number {@code units}. */
    public static Amount of(long units) {
        return new Amount(Math.multiplyExact(units, 1_000_000L));
    }

    /**
     * The exact amount of {@code value}.
     *
     * @throws IllegalArgumentException when it has more than {@link #SCALE} decimal places or a magnitude over
     *     {@link #MAX_INPUT}
     */
    public static Amount exact(BigDecimal value) {
        if (value.signum() == 0) {
            return ZERO;
        }
        // The position of the leading digit, from the unscaled value's length and the scale alone:
        // nothing below rescales a number whose exponent is out of range (1e-30000000 would take
        // seconds of CPU to rescale), whatever its scale.
        long leadingDigit = (long) value.precision() - value.scale() - 1;
        if (leadingDigit < -SCALE) {
            throw new IllegalArgumentException("must have at most " + SCALE + " decimal places");
        }
        if (leadingDigit > MAX_DIGITS_BEFORE_POINT || value.abs().compareTo(MAX_INPUT) > 0) {
            throw new IllegalArgumentException("must be between -" + MAX_INPUT.toPlainString() + " and "
                    + MAX_INPUT.toPlainString());
        }
        try {
            return new Amount(value.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("must have at most " + SCALE + " decimal places");
        }
    }

    /** {@code this + other}; {@link ArithmeticException} when the sum leaves the range of a total. */
    public Amount plus(Amount other) {
        return new Amount(Math.addExact(micros, other.micros));
    }

    /** How many whole {@code unit}s fit in this amount, rounded towards negative infinity. */
    public long floorDiv(Amount unit) {
        return Math.floorDiv(micros, unit.micros);
    }

    public boolean isNegative() {
        return micros < 0;
    }

    /** The decimal value without trailing zeros (200, 0.5, -3.25). */
    public BigDecimal toDecimal() {
        BigDecimal decimal = BigDecimal.valueOf(micros, SCALE).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }

    @Override
    public int compareTo(Amount other) {
        return Long.compare(micros, other.micros);
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString();
    }
}
