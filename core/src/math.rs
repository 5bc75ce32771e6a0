//! The few transcendental functions the map needs (the projection's sine, cosine and arcsine,
//! the wheel's zoom factor): natively Rust's, in the browser the browser's `Math`, through
//! js-sys. Rust's would bring their own implementation (libm, about 10 KB of wasm) into every
//! page with a map; the browser has them already. Both are correctly rounded to within an
//! ulp, far below a pixel.

/// The sine of `x` (radians).
pub fn sin(x: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Math::sin(x);
    #[cfg(not(target_arch = "wasm32"))]
    x.sin()
}

/// The cosine of `x` (radians).
pub fn cos(x: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Math::cos(x);
    #[cfg(not(target_arch = "wasm32"))]
    x.cos()
}

/// The arcsine of `x`, in radians.
pub fn asin(x: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Math::asin(x);
    #[cfg(not(target_arch = "wasm32"))]
    x.asin()
}

/// e to the power `x`.
pub fn exp(x: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Math::exp(x);
    #[cfg(not(target_arch = "wasm32"))]
    x.exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn they_are_the_usual_functions() {
        assert_eq!(sin(0.0), 0.0);
        assert!((sin(std::f64::consts::FRAC_PI_2) - 1.0).abs() < 1e-15);
        assert!((cos(std::f64::consts::PI) + 1.0).abs() < 1e-15);
        assert!((asin(1.0) - std::f64::consts::FRAC_PI_2).abs() < 1e-15);
        assert!((exp(1.0) - std::f64::consts::E).abs() < 1e-15);
    }
}
