/*
 * printf-style formatting for code without a C library (see base/fmt.h).
 *
 * Numbers are converted with shifts (hex, octal) and a multiply-based divide by ten, so the
 * 32-bit loader needs no 64-bit division helpers (__udivdi3) from a compiler runtime.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <base/fmt.h>

#define FLAG_LEFT 1u   /* '-' */
#define FLAG_ZERO 2u   /* '0' */
#define FLAG_PLUS 4u   /* '+' */
#define FLAG_SPACE 8u  /* ' ' */
#define FLAG_ALT 16u   /* '#' */

#define FMT_MAX_WIDTH 4096 /* larger widths and precisions are clamped */

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE, LEN_MAX, LEN_PTRDIFF };

/* Where output goes, and how much went there. */
struct out {
	fmt_putc_fn putc;
	void *ctx;
	int count;
};

static void emit(struct out *o, char c)
{
	o->putc(o->ctx, c);
	o->count++;
}

static void emit_repeat(struct out *o, char c, int n)
{
	for (int i = 0; i < n; i++)
		emit(o, c);
}

/* n / 10, with the remainder in *rem, using only shifts, adds and one multiply. */
static uint64_t divide_by_10(uint64_t n, unsigned *rem)
{
	uint64_t q = (n >> 1) + (n >> 2);
	q += q >> 4;
	q += q >> 8;
	q += q >> 16;
	q += q >> 32;
	q >>= 3;
	uint64_t r = n - q * 10; /* q is at most one too small */
	if (r > 9) {
		q++;
		r -= 10;
	}
	*rem = (unsigned)r;
	return q;
}

/*
 * Writes the digits of v in `base` (8, 10 or 16) backwards from the end of buf; returns how
 * many. Zero produces no digits (the caller's precision decides whether "0" is printed).
 */
static int to_digits(uint64_t v, unsigned base, int upper, char *end)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;
	while (v) {
		unsigned d;
		if (base == 10) {
			v = divide_by_10(v, &d);
		} else if (base == 16) {
			d = (unsigned)(v & 15);
			v >>= 4;
		} else {
			d = (unsigned)(v & 7);
			v >>= 3;
		}
		*--end = digits[d];
		n++;
	}
	return n;
}

/* Emits a converted number: sign or prefix, zeros, digits, padded to width. */
static void emit_number(struct out *o, uint64_t v, int negative, unsigned base, int upper,
			unsigned flags, int width, int precision)
{
	char buf[24];
	int ndigits = to_digits(v, base, upper, buf + sizeof(buf));
	const char *prefix = "";

	if (base == 10) {
		if (negative)
			prefix = "-";
		else if (flags & FLAG_PLUS)
			prefix = "+";
		else if (flags & FLAG_SPACE)
			prefix = " ";
	} else if ((flags & FLAG_ALT) && base == 16 && v != 0) {
		prefix = upper ? "0X" : "0x";
	}

	int zeros = 0;
	if (precision >= 0) {
		if (precision > ndigits)
			zeros = precision - ndigits;
	} else if (ndigits == 0) {
		zeros = 1; /* no precision given: zero is printed as "0" */
	}
	/* '#' with octal: the first digit must be a zero. */
	if ((flags & FLAG_ALT) && base == 8 && zeros == 0)
		zeros = 1;

	int prefix_len = 0;
	while (prefix[prefix_len])
		prefix_len++;
	int len = prefix_len + zeros + ndigits;
	int pad = width > len ? width - len : 0;

	/* '0' pads with zeros after the sign, unless '-' or a precision says otherwise. */
	if ((flags & FLAG_ZERO) && !(flags & FLAG_LEFT) && precision < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(flags & FLAG_LEFT))
		emit_repeat(o, ' ', pad);
	for (int i = 0; i < prefix_len; i++)
		emit(o, prefix[i]);
	emit_repeat(o, '0', zeros);
	for (int i = 0; i < ndigits; i++)
		emit(o, buf[sizeof(buf) - ndigits + i]);
	if (flags & FLAG_LEFT)
		emit_repeat(o, ' ', pad);
}

/* Emits at most `max` characters of s (all of it when max < 0), padded to width. */
static void emit_string(struct out *o, const char *s, int max, unsigned flags, int width)
{
	int len = 0;
	while ((max < 0 || len < max) && s[len])
		len++;
	int pad = width > len ? width - len : 0;
	if (!(flags & FLAG_LEFT))
		emit_repeat(o, ' ', pad);
	for (int i = 0; i < len; i++)
		emit(o, s[i]);
	if (flags & FLAG_LEFT)
		emit_repeat(o, ' ', pad);
}

/* Reads a signed argument of the given length, widened to 64 bits. */
static int64_t signed_arg(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR:
		return (signed char)va_arg(*ap, int);
	case LEN_SHORT:
		return (short)va_arg(*ap, int);
	case LEN_LONG:
		return va_arg(*ap, long);
	case LEN_LLONG:
		return va_arg(*ap, long long);
	case LEN_SIZE: /* the signed type of size_t's width */
		if (sizeof(size_t) == 4)
			return (int32_t)va_arg(*ap, size_t);
		return (int64_t)va_arg(*ap, size_t);
	case LEN_MAX:
		return va_arg(*ap, intmax_t);
	case LEN_PTRDIFF:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

/* Reads an unsigned argument of the given length, widened to 64 bits. */
static uint64_t unsigned_arg(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR:
		return (unsigned char)va_arg(*ap, unsigned);
	case LEN_SHORT:
		return (unsigned short)va_arg(*ap, unsigned);
	case LEN_LONG:
		return va_arg(*ap, unsigned long);
	case LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case LEN_SIZE:
		return va_arg(*ap, size_t);
	case LEN_MAX:
		return va_arg(*ap, uintmax_t);
	case LEN_PTRDIFF: /* the unsigned type of ptrdiff_t's width */
		return (size_t)va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, unsigned);
	}
}

/* Parses a run of digits into *n, clamped to FMT_MAX_WIDTH; returns the first non-digit. */
static const char *parse_number(const char *p, int *n)
{
	*n = 0;
	while (*p >= '0' && *p <= '9') {
		if (*n <= FMT_MAX_WIDTH)
			*n = *n * 10 + (*p - '0');
		p++;
	}
	if (*n > FMT_MAX_WIDTH)
		*n = FMT_MAX_WIDTH;
	return p;
}

int fmt_vformat(fmt_putc_fn putc, void *ctx, const char *fmt, va_list ap_in)
{
	struct out o = { putc, ctx, 0 };
	const char *p = fmt;
	va_list ap; /* a copy, so helpers can take its address on every ABI */
	va_copy(ap, ap_in);

	while (*p) {
		if (*p != '%') {
			emit(&o, *p++);
			continue;
		}
		const char *spec = p++; /* kept to print unknown conversions as written */

		unsigned flags = 0;
		for (;; p++) {
			if (*p == '-')
				flags |= FLAG_LEFT;
			else if (*p == '0')
				flags |= FLAG_ZERO;
			else if (*p == '+')
				flags |= FLAG_PLUS;
			else if (*p == ' ')
				flags |= FLAG_SPACE;
			else if (*p == '#')
				flags |= FLAG_ALT;
			else
				break;
		}

		int width = 0;
		if (*p == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= FLAG_LEFT;
				width = width < -FMT_MAX_WIDTH ? FMT_MAX_WIDTH : -width;
			}
			if (width > FMT_MAX_WIDTH)
				width = FMT_MAX_WIDTH;
			p++;
		} else {
			p = parse_number(p, &width);
		}

		int precision = -1;
		if (*p == '.') {
			p++;
			if (*p == '*') {
				precision = va_arg(ap, int);
				if (precision < 0)
					precision = -1; /* as if omitted */
				else if (precision > FMT_MAX_WIDTH)
					precision = FMT_MAX_WIDTH;
				p++;
			} else {
				p = parse_number(p, &precision);
			}
		}

		enum length len = LEN_INT;
		if (*p == 'h') {
			len = LEN_SHORT;
			if (*++p == 'h') {
				len = LEN_CHAR;
				p++;
			}
		} else if (*p == 'l') {
			len = LEN_LONG;
			if (*++p == 'l') {
				len = LEN_LLONG;
				p++;
			}
		} else if (*p == 'z') {
			len = LEN_SIZE;
			p++;
		} else if (*p == 'j') {
			len = LEN_MAX;
			p++;
		} else if (*p == 't') {
			len = LEN_PTRDIFF;
			p++;
		}

		char conv = *p;
		if (conv)
			p++;
		switch (conv) {
		case '%':
			emit(&o, '%');
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);
			int pad = width > 1 ? width - 1 : 0;
			if (!(flags & FLAG_LEFT))
				emit_repeat(&o, ' ', pad);
			emit(&o, c);
			if (flags & FLAG_LEFT)
				emit_repeat(&o, ' ', pad);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			emit_string(&o, s ? s : "(null)", precision, flags, width);
			break;
		}
		case 'd':
		case 'i': {
			int64_t v = signed_arg(&ap, len);
			uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
			emit_number(&o, mag, v < 0, 10, 0, flags, width, precision);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			unsigned base = conv == 'u' ? 10 : conv == 'o' ? 8 : 16;
			flags &= ~(FLAG_PLUS | FLAG_SPACE); /* signs are for signed conversions */
			emit_number(&o, unsigned_arg(&ap, len), 0, base, conv == 'X', flags, width,
				    precision);
			break;
		}
		case 'p': {
			/* Always "0x" and 16 digits, whatever the pointer size. */
			uint64_t v = (uint64_t)(uintptr_t)va_arg(ap, void *);
			int pad = width > 18 ? width - 18 : 0;
			if (!(flags & FLAG_LEFT))
				emit_repeat(&o, ' ', pad);
			emit(&o, '0');
			emit(&o, 'x');
			emit_number(&o, v, 0, 16, 0, 0, 0, 16);
			if (flags & FLAG_LEFT)
				emit_repeat(&o, ' ', pad);
			break;
		}
		default:
			/* Unknown or missing conversion: print the specification as written. */
			for (const char *q = spec; q < p; q++)
				emit(&o, *q);
			break;
		}
	}
	va_end(ap);
	return o.count;
}

int fmt_format(fmt_putc_fn putc, void *ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vformat(putc, ctx, fmt, ap);
	va_end(ap);
	return n;
}

/* A bounded buffer that keeps counting after it is full. */
struct buffer {
	char *buf;
	size_t size;
	size_t used;
};

static void buffer_putc(void *ctx, char c)
{
	struct buffer *b = ctx;
	if (b->used + 1 < b->size)
		b->buf[b->used] = c;
	b->used++;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buffer b = { buf, size, 0 };
	int n = fmt_vformat(buffer_putc, &b, fmt, ap);
	if (size > 0)
		buf[b.used < size ? b.used : size - 1] = '\0';
	return n;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
