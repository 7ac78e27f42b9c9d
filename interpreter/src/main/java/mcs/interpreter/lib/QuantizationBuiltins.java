package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.util.Locale;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.BuiltinSpec;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Range;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Value;
import mcs.runtime.compress.ModelQuantization;
import mcs.runtime.compress.ModelQuantization.Format;
import mcs.runtime.compress.ModelQuantization.Method;
import mcs.runtime.compress.ModelQuantization.Mode;
import mcs.runtime.data.Split;

/** {@code quantize} (post-training) and {@code qat} (quantisation-aware training). */
final class QuantizationBuiltins {

    private QuantizationBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(common(define("quantize", Group.QUANTIZATION, "Post-training quantisation, as "
                        + "the TFLite converter and ONNX Runtime's quantiser."))
                .param(Param.symbol("mode", "weights", "static: activations too", "weights", "dynamic", "static"))
                .note("int8 weights are symmetric per output channel in [-127, 127] (TFLite);")
                .note("q = saturate(round_half_even(x / scale) + zero_point), as ONNX")
                .note("QuantizeLinear. A clustered kernel quantises its codebook. mode=static")
                .note("puts the input and every layer output on a uint8 grid fitted on")
                .note("calibrate=data and biases on the int32 grid of scale s_in * s_w, so the")
                .note("accuracy reported is what an integer runtime computes. mode=dynamic")
                .note("quantises weights as mode=weights; its activations are quantised per")
                .note("batch at run time and measured here in float. fp16/bf16 store every")
                .note("tensor in that format (computation stays fp32 on the CPU).")
                .returns(Type.MODEL), (a, c) -> quantize(a, c, a.symbol("mode"), "quantize"));
        b.add(common(define("qat", Group.QUANTIZATION, "Quantises for quantisation-aware training by "
                        + "a finetune(..) that follows."))
                .note("Weights are trained as fp32 master weights; the forward pass sees them")
                .note("on the integer grid (scales refitted every step) and gradients pass")
                .note("straight through, as tfmot's quantize_model. With calibrate=data the")
                .note("activations are quantised too (ranges fixed from calibration).")
                .returns(Type.MODEL),
                (a, c) -> quantize(a, c, a.present("calibrate") ? "static" : "weights", "qat"));
    }

    private static BuiltinSpec.Builder common(BuiltinSpec.Builder spec) {
        return spec.param(Param.required("model", Type.MODEL, "the model to quantise"))
                .param(Param.symbol("format", "int8", "number format",
                        "int8", "uint8", "int4", "fp16", "bf16"))
                .param(Param.symbol("per", "channel", "scales per channel or tensor", "channel", "tensor"))
                .param(Param.symbol("symmetric", "auto", "weights about 0 (auto: not uint8)", "auto", "true", "false"))
                .param(Param.optional("calibrate", Type.DATASET, "data to calibrate activations on"))
                .param(Param.optional("samples", Type.INTEGER, Num.of(1000), "calibration samples").range(Range.closed(1, 10_000_000)))
                .param(Param.symbol("method", "minmax", "activation ranges by",
                        "minmax", "percentile", "mse", "entropy"))
                .param(ClusteringBuiltins.skip("quantize"));
    }

    private static Value quantize(Args a, CallContext c, String mode, String op) {
        Format format = Format.valueOf(a.symbol("format").toUpperCase(Locale.ROOT));
        boolean floats = format == Format.FP16 || format == Format.BF16;
        if (floats) {
            for (String intOnly : new String[] {"per", "symmetric", "calibrate", "mode"}) {
                if (a.given(intOnly)) {
                    throw a.error(intOnly, intOnly + " only applies to integer formats "
                            + "(int8, uint8, int4)");
                }
            }
        }
        if (mode.equals("static") && !a.present("calibrate")) {
            throw a.error("mode", "mode=static needs calibration data: add calibrate=<dataset>");
        }
        if (a.present("calibrate") && !mode.equals("static")) {
            throw a.error("calibrate", "calibrate only applies to mode=static");
        }
        String sym = a.symbol("symmetric");
        boolean symmetric = sym.equals("auto") ? format != Format.UINT8 : sym.equals("true");
        Split calibration = a.present("calibrate") ? a.dataset("calibrate").dataset().train()
                : null;
        ModelQuantization.Config config = new ModelQuantization.Config(format,
                Mode.valueOf(mode.toUpperCase(Locale.ROOT)), a.symbol("per").equals("channel"),
                symmetric, false, calibration, a.integer("samples"),
                Method.valueOf(a.symbol("method").toUpperCase(Locale.ROOT)),
                ClusteringBuiltins.names(a, "skip"));
        var q = ModelQuantization.quantize(a.model("model"), config, c.cancel());
        return new ModelValue(op.equals("qat") ? q.withHistory("qat: finetune trains with fake "
                + "quantisation") : q);
    }
}
