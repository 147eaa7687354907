"""Build NeMo-style speech models in sherpa-onnx's exact file format, with random weights.

A sherpa-onnx NeMo transducer folder holds ``encoder.onnx``, ``decoder.onnx``, ``joiner.onnx`` and
``tokens.txt``; a NeMo CTC folder holds ``model.onnx`` and ``tokens.txt``. The runtime reads the
model's facts from the encoder's metadata (vocab_size without the blank, subsampling_factor,
normalize_type, pred_rnn_layers, pred_hidden, feat_dim, and "tdt" in url for a TDT model) and the
tensor layouts below; everything else about the network is free.

Two uses:

* ``build_test_model``: a tiny model (well under a megabyte, built in a fraction of a second) for
  the test suite. Its bulk is random, but one path is wired so the output is predictable: a
  "loudness" channel (the mean of the normalised filterbank over the 8-frame window) gates the
  first token, and the decoder's last token picks the next one, so every stretch of speech
  decodes to the same few words (``SCRIPT``) at the time the speech starts. That proves the
  path (loading, features, decoding, timestamps, post-processing), not accuracy.
* ``build_bench_model``: full-size FastConformer encoders with the shapes of real models
  (parakeet-rnnt-110m / ekko-v1-tiny, parakeet-tdt-0.6b-v3), int8 weights as the runtime's
  released models use, for measuring speed, which does not depend on the weight values.

Needs the ``onnx`` package (a test extra). Imports nothing from ``assistant``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

OPSET = 17
IR_VERSION = 8  # readable by older onnxruntime builds too (sherpa-onnx bundles its own)

# What the tiny test model says for every stretch of speech: a spoken command ("punktum") and a
# number ("tre") included, so the shared post-processing is exercised end to end.
SCRIPT = ("hej", "verden", "femogtyve", "punktum")


@dataclass(frozen=True)
class Shape:
    """The sizes of a NeMo FastConformer transducer (or CTC) model."""

    feat_dim: int = 80
    layers: int = 17
    d_model: int = 512
    heads: int = 8
    ff_mult: int = 4
    conv_kernel: int = 9
    sub_channels: int = 256
    vocab: int = 1024  # BPE pieces, without the blank
    pred_hidden: int = 640
    pred_layers: int = 1
    joint_hidden: int = 640
    durations: tuple[int, ...] = ()  # TDT duration bins; () for plain RNN-T
    int8: bool = True


# parakeet-rnnt-110m-da-dk / ekko-v1-tiny: NeMo's FastConformer-Transducer "large" shape
# (17 layers, d_model 512, 8 heads, 4x feed-forward, kernel 9, 8x dw-striding subsampling with
# 256 channels, 80 mel bins, one-layer LSTM prediction net of 640, joint 640, 1024 BPE pieces).
EKKO_TINY = Shape()
# parakeet-tdt-0.6b-v3: 24 layers, d_model 1024, 8 heads, 4x feed-forward, kernel 9, 128 mel bins,
# two-layer LSTM prediction net of 640, joint 640, 8192 pieces + blank, durations 0-4.
PARAKEET_TDT_V3 = Shape(
    feat_dim=128, layers=24, d_model=1024, vocab=8192, pred_layers=2, durations=(0, 1, 2, 3, 4)
)


@dataclass
class _Graph:
    """Collects nodes and weights while a network is written."""

    rng: np.random.Generator
    int8: bool
    nodes: list = field(default_factory=list)
    inits: list = field(default_factory=list)
    count: int = 0

    def name(self, stem: str) -> str:
        self.count += 1
        return f"{stem}_{self.count}"

    def const(self, value: np.ndarray, stem: str = "w") -> str:
        from onnx import numpy_helper

        name = self.name(stem)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def rand(self, *shape: int, scale: float | None = None) -> str:
        fan_in = shape[0] if len(shape) == 2 else int(np.prod(shape[1:]))
        scale = scale if scale is not None else 1.0 / np.sqrt(max(fan_in, 1))
        return self.const((self.rng.standard_normal(shape, dtype=np.float32) * scale).astype(np.float32))

    def op(self, op_type: str, inputs: list[str], n_out: int = 1, **attrs: object) -> str | list[str]:
        from onnx import helper

        outs = [self.name(op_type.lower()) for _ in range(n_out)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, **attrs))
        return outs[0] if n_out == 1 else outs

    def ints(self, *values: int) -> str:
        return self.const(np.array(values, dtype=np.int64), "i")

    def linear(self, x: str, d_in: int, d_out: int, bias: bool = False) -> str:
        """x @ W (+ b); int8 weights with dynamic activation quantisation when asked, the way
        onnxruntime's quantize_dynamic writes it (the runtime fuses it into one kernel)."""
        if not self.int8:
            y = self.op("MatMul", [x, self.rand(d_in, d_out)])
        else:
            scale = 1.0 / np.sqrt(d_in) / 64.0
            w = self.const(self.rng.integers(-127, 128, (d_in, d_out), dtype=np.int8), "wq")
            w_zero = self.const(np.array(0, dtype=np.int8), "wz")
            xq, x_scale, x_zero = self.op("DynamicQuantizeLinear", [x], n_out=3)
            acc = self.op("MatMulInteger", [xq, w, x_zero, w_zero])
            acc_f = self.op("Cast", [acc], to=1)
            s = self.op("Mul", [x_scale, self.const(np.array(scale, dtype=np.float32))])
            y = self.op("Mul", [acc_f, s])
        if bias:
            y = self.op("Add", [y, self.const(np.zeros(d_out, dtype=np.float32))])
        return y

    def layer_norm(self, x: str, d: int) -> str:
        ones = self.const(np.ones(d, dtype=np.float32))
        zeros = self.const(np.zeros(d, dtype=np.float32))
        return self.op("LayerNormalization", [x, ones, zeros], axis=-1, epsilon=1e-5)

    def swish(self, x: str) -> str:
        return self.op("Mul", [x, self.op("Sigmoid", [x])])


def _subsample(g: _Graph, feats: str, length: str, s: Shape) -> tuple[str, str]:
    """NeMo dw_striding x8: conv 3x3/2, then twice (depthwise 3x3/2 + pointwise 1x1), ReLU; then
    a linear layer from channels x (feat_dim / 8) to d_model. feats: (N, F, T)."""
    c = s.sub_channels
    x = g.op("Transpose", [feats], perm=[0, 2, 1])  # (N, T, F)
    x = g.op("Unsqueeze", [x, g.ints(1)])  # (N, 1, T, F)
    x = g.op(
        "Conv", [x, g.rand(c, 1, 3, 3), g.const(np.zeros(c, np.float32))], strides=[2, 2], pads=[1, 1, 1, 1]
    )
    x = g.op("Relu", [x])
    for _ in range(2):
        x = g.op("Conv", [x, g.rand(c, 1, 3, 3)], strides=[2, 2], pads=[1, 1, 1, 1], group=c)
        x = g.op("Conv", [x, g.rand(c, c, 1, 1)])
        x = g.op("Relu", [x])
    # (N, C, T/8, F/8) -> (N, T/8, C * F/8)
    x = g.op("Transpose", [x], perm=[0, 2, 1, 3])
    f8 = s.feat_dim
    for _ in range(3):
        f8 = (f8 - 1) // 2 + 1
    x = g.op("Reshape", [x, g.ints(0, 0, c * f8)])
    x = g.linear(x, c * f8, s.d_model, bias=True)
    # lengths: ((L - 1) // 2 + 1), three times
    one = g.ints(1)
    two = g.ints(2)
    out = length
    for _ in range(3):
        out = g.op("Add", [g.op("Div", [g.op("Sub", [out, one]), two]), one])
    return x, out


def _conformer_layer(g: _Graph, x: str, pos: str, s: Shape) -> str:
    """One FastConformer block on x: (N, T, D). pos: (T, D) positional embedding."""
    d, h = s.d_model, s.heads
    dk = d // h

    def feed_forward(x: str) -> str:
        y = g.layer_norm(x, d)
        y = g.linear(g.swish(g.linear(y, d, d * s.ff_mult)), d * s.ff_mult, d)
        return g.op("Add", [x, g.op("Mul", [y, g.const(np.array(0.5, np.float32))])])

    x = feed_forward(x)

    # Relative-position multi-head attention: (q+u)K^T + (q+v)P^T. The positional term is taken
    # over the T positions of the utterance (NeMo uses 2T-1 and a shift); same weights and matmul
    # sizes per position, a little cheaper on long input.
    y = g.layer_norm(x, d)

    def heads(t: str) -> str:  # (N, T, D) -> (N, H, T, dk)
        return g.op("Transpose", [g.op("Reshape", [t, g.ints(0, 0, h, dk)])], perm=[0, 2, 1, 3])

    q = heads(g.linear(y, d, d, bias=True))
    k = heads(g.linear(y, d, d, bias=True))
    v = heads(g.linear(y, d, d, bias=True))
    p = g.op(
        "Transpose", [g.op("Reshape", [g.linear(pos, d, d), g.ints(0, h, dk)])], perm=[1, 2, 0]
    )  # (H, dk, T)
    qu = g.op("Add", [q, g.rand(h, 1, dk, scale=0.02)])
    qv = g.op("Add", [q, g.rand(h, 1, dk, scale=0.02)])
    ac = g.op("MatMul", [qu, g.op("Transpose", [k], perm=[0, 1, 3, 2])])
    bd = g.op("MatMul", [qv, p])
    scores = g.op("Mul", [g.op("Add", [ac, bd]), g.const(np.array(1.0 / np.sqrt(dk), np.float32))])
    att = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v])  # (N, H, T, dk)
    att = g.op("Reshape", [g.op("Transpose", [att], perm=[0, 2, 1, 3]), g.ints(0, 0, d)])
    x = g.op("Add", [x, g.linear(att, d, d, bias=True)])

    # Convolution module: pointwise (as a matmul) -> GLU -> depthwise conv -> BatchNorm -> Swish
    # -> pointwise.
    y = g.layer_norm(x, d)
    y = g.linear(y, d, 2 * d)
    a, b = g.op("Split", [y, g.ints(d, d)], n_out=2, axis=-1)
    y = g.op("Mul", [a, g.op("Sigmoid", [b])])
    y = g.op("Transpose", [y], perm=[0, 2, 1])  # (N, D, T)
    pad = (s.conv_kernel - 1) // 2
    y = g.op("Conv", [y, g.rand(d, 1, s.conv_kernel)], group=d, pads=[pad, pad])
    ones, zeros = np.ones(d, np.float32), np.zeros(d, np.float32)
    y = g.op(
        "BatchNormalization", [y, g.const(ones), g.const(zeros), g.const(zeros), g.const(ones)], epsilon=1e-5
    )
    y = g.swish(g.op("Transpose", [y], perm=[0, 2, 1]))
    x = g.op("Add", [x, g.linear(y, d, d)])

    x = feed_forward(x)
    return g.layer_norm(x, d)


def _encoder_body(g: _Graph, s: Shape) -> tuple[str, str]:
    """audio_signal (N, F, T), length (N,) -> encoded (N, T', D), lengths (N,)."""
    x, lengths = _subsample(g, "audio_signal", "length", s)
    table = (g.rng.standard_normal((6000, s.d_model), dtype=np.float32) * 0.02).astype(np.float32)
    t = g.op("Slice", [g.op("Shape", [x]), g.ints(1), g.ints(2)])
    pos = g.op("Slice", [g.const(table, "pos"), g.ints(0), t, g.ints(0)])
    for _ in range(s.layers):
        x = _conformer_layer(g, x, pos, s)
    return x, lengths


def _loudness(g: _Graph) -> str:
    """(N, 1, T') mean of the normalised features over the bins, averaged per 8 input frames."""
    mean = g.op("ReduceMean", ["audio_signal"], axes=[1], keepdims=1)  # (N, 1, T)
    return g.op("AveragePool", [mean], kernel_shape=[8], strides=[8], ceil_mode=1)


def _model(g: _Graph, name: str, inputs: list, outputs: list, meta: dict[str, str] | None = None):
    from onnx import helper

    graph = helper.make_graph(g.nodes, name, inputs, outputs, initializer=g.inits)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="assistant-tests"
    )
    model.ir_version = IR_VERSION
    for key, value in (meta or {}).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    return model


def _save(model: object, path: Path) -> None:
    import onnx

    onnx.save(model, str(path))


def _tokens(vocab: int, script: tuple[str, ...]) -> list[str]:
    pieces = ["<unk>"] + [f"\u2581{w}" for w in script]
    pieces += [f"\u2581p{i}" for i in range(vocab - len(pieces))]
    return [*pieces[:vocab], "<blk>"]


def _metadata(s: Shape, vocab: int, model_type: str) -> dict[str, str]:
    meta = {
        "vocab_size": str(vocab if model_type != "EncDecCTCModelBPE" else vocab + 1),
        "subsampling_factor": "8",
        "normalize_type": "per_feature",
        "feat_dim": str(s.feat_dim),
        "model_type": model_type,
        "comment": "random weights, built by tests/support/make_transducer.py",
    }
    if model_type == "EncDecRNNTBPEModel":
        meta |= {"pred_rnn_layers": str(s.pred_layers), "pred_hidden": str(s.pred_hidden)}
        meta["url"] = "random-weight tdt model" if s.durations else "random-weight rnnt model"
    return meta


def _write_tokens(folder: Path, tokens: list[str]) -> None:
    lines = [f"{t} {i}" for i, t in enumerate(tokens)]
    (folder / "tokens.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_transducer(
    folder: Path, s: Shape, *, wired: bool = False, script: tuple[str, ...] = SCRIPT, seed: int = 0
) -> Path:
    """Write encoder.onnx, decoder.onnx, joiner.onnx and tokens.txt into ``folder``.

    ``wired``: make the output predictable (see the module docstring): each stretch of speech
    says ``script``; needs a vocabulary of at least len(script) + 1 pieces.
    """
    from onnx import TensorProto, helper

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    v = s.vocab  # pieces without the blank; the blank is id v
    k = v + 1 + len(s.durations)  # joiner output: tokens, blank, durations

    # -- encoder --------------------------------------------------------------------------------
    g = _Graph(rng, s.int8)
    x, lengths = _encoder_body(g, s)
    d_out = s.d_model
    if wired:
        loud = g.op("Transpose", [_loudness(g)], perm=[0, 2, 1])  # (N, T', 1)
        x = g.op("Concat", [loud, x], axis=-1)
        d_out += 1
    out = g.op("Transpose", [x], perm=[0, 2, 1])  # (N, D, T')
    g.nodes.append(helper.make_node("Identity", [out], ["outputs"]))
    g.nodes.append(helper.make_node("Identity", [lengths], ["encoded_lengths"]))
    encoder = _model(
        g,
        "encoder",
        [
            helper.make_tensor_value_info("audio_signal", TensorProto.FLOAT, ["N", s.feat_dim, "T"]),
            helper.make_tensor_value_info("length", TensorProto.INT64, ["N"]),
        ],
        [
            helper.make_tensor_value_info("outputs", TensorProto.FLOAT, ["N", d_out, "T_out"]),
            helper.make_tensor_value_info("encoded_lengths", TensorProto.INT64, ["N"]),
        ],
        _metadata(s, v, "EncDecRNNTBPEModel"),
    )
    _save(encoder, folder / "encoder.onnx")

    # -- decoder (prediction network): embedding + LSTM layers ------------------------------------
    g = _Graph(rng, False)
    hid, layers = s.pred_hidden, s.pred_layers
    emb_table = (rng.standard_normal((v + 1, hid), dtype=np.float32) * 0.1).astype(np.float32)
    emb_table[v] = 0.0  # NeMo's blank_as_pad: the blank embeds to zeros
    emb = g.op("Gather", [g.const(emb_table, "emb"), g.op("Cast", ["targets"], to=7)])  # (N, 1, H)
    y = g.op("Transpose", [emb], perm=[1, 0, 2])  # (1, N, H)
    h_out, c_out = [], []
    for layer in range(layers):
        h0 = g.op("Slice", ["states_h", g.ints(layer), g.ints(layer + 1), g.ints(0)])
        c0 = g.op("Slice", ["states_c", g.ints(layer), g.ints(layer + 1), g.ints(0)])
        w = g.rand(1, 4 * hid, hid)
        r = g.rand(1, 4 * hid, hid)
        b = g.const(np.zeros((1, 8 * hid), np.float32))
        seq, h1, c1 = g.op("LSTM", [y, w, r, b, "", h0, c0], n_out=3, hidden_size=hid)
        y = g.op("Squeeze", [seq, g.ints(1)])  # (1, N, H)
        h_out.append(h1)
        c_out.append(c1)
    pred = g.op("Transpose", [y], perm=[1, 2, 0])  # (N, H, 1)
    p_dim = hid
    if wired:  # the last token's id rides along as one more channel
        last = g.op("Unsqueeze", [g.op("Cast", ["targets"], to=1), g.ints(2)])  # (N, 1, 1)
        pred = g.op("Concat", [last, pred], axis=1)
        p_dim += 1
    g.nodes.append(helper.make_node("Identity", [pred], ["outputs"]))
    g.nodes.append(helper.make_node("Identity", ["target_length"], ["prednet_lengths"]))
    g.nodes.append(helper.make_node("Concat", h_out, ["states_h_next"], axis=0))
    g.nodes.append(helper.make_node("Concat", c_out, ["states_c_next"], axis=0))
    decoder = _model(
        g,
        "decoder",
        [
            helper.make_tensor_value_info("targets", TensorProto.INT32, ["N", 1]),
            helper.make_tensor_value_info("target_length", TensorProto.INT32, ["N"]),
            helper.make_tensor_value_info("states_h", TensorProto.FLOAT, [layers, "N", hid]),
            helper.make_tensor_value_info("states_c", TensorProto.FLOAT, [layers, "N", hid]),
        ],
        [
            helper.make_tensor_value_info("outputs", TensorProto.FLOAT, ["N", p_dim, 1]),
            helper.make_tensor_value_info("prednet_lengths", TensorProto.INT32, ["N"]),
            helper.make_tensor_value_info("states_h_next", TensorProto.FLOAT, [layers, "N", hid]),
            helper.make_tensor_value_info("states_c_next", TensorProto.FLOAT, [layers, "N", hid]),
        ],
    )
    _save(decoder, folder / "decoder.onnx")

    # -- joiner: relu(enc W_e + pred W_p) W_o -------------------------------------------------------
    g = _Graph(rng, False)
    enc = g.op("Transpose", ["encoder_outputs"], perm=[0, 2, 1])  # (N, 1, D)
    dec = g.op("Transpose", ["decoder_outputs"], perm=[0, 2, 1])  # (N, 1, P)
    if wired:
        loud = g.op("Slice", [enc, g.ints(0), g.ints(1), g.ints(2)])  # (N, 1, 1)
        enc = g.op("Slice", [enc, g.ints(1), g.ints(d_out), g.ints(2)])
        last = g.op("Cast", [g.op("Slice", [dec, g.ints(0), g.ints(1), g.ints(2)])], to=7)  # (N, 1, 1)
        dec = g.op("Slice", [dec, g.ints(1), g.ints(p_dim), g.ints(2)])
    j = s.joint_hidden
    hidden = g.op(
        "Relu",
        [g.op("Add", [g.linear(enc, s.d_model, j, bias=True), g.linear(dec, s.pred_hidden, j, bias=True)])],
    )
    logits = g.linear(hidden, j, k, bias=True)
    if wired:
        # Random part kept small; the wired part decides, by the last token's place in the
        # script: after the blank (start) the first word comes only where the loudness is above
        # 0.2, each word then calls the next, the last one (or any other token) calls the blank.
        # A TDT model advances one frame per word.
        logits = g.op("Mul", [logits, g.const(np.array(0.001, np.float32))])
        n = len(script)
        place = np.full(v + 1, n + 1, np.int64)  # token id -> row: 0 start, 1..n script, n+1 other
        place[v] = 0
        place[1 : n + 1] = np.arange(1, n + 1)
        table = np.zeros((n + 2, k), np.float32)
        table[0, 1] = 1.0
        table[0, v] = 3.0
        for row in range(1, n):
            table[row, row + 1] = 5.0
        table[n, v] = 5.0
        table[n + 1, v] = 5.0
        if s.durations:
            table[:, v + 1 + 1] = 5.0  # duration bin 1
        row = g.op("Gather", [g.const(place, "place"), last])  # (N, 1, 1)
        steer = g.op("Squeeze", [g.op("Gather", [g.const(table, "next"), row]), g.ints(2)])  # (N, 1, K)
        gate = np.zeros(k, np.float32)
        gate[v] = -10.0
        at_start = g.op("Mul", [loud, g.op("Cast", [g.op("Equal", [row, g.ints(0)])], to=1)])
        steer = g.op("Add", [steer, g.op("Mul", [at_start, g.const(gate, "gate")])])
        logits = g.op("Add", [logits, steer])
    g.nodes.append(helper.make_node("Unsqueeze", [logits, g.ints(2)], ["logit"]))  # (N, 1, 1, K)
    joiner = _model(
        g,
        "joiner",
        [
            helper.make_tensor_value_info("encoder_outputs", TensorProto.FLOAT, ["N", d_out, 1]),
            helper.make_tensor_value_info("decoder_outputs", TensorProto.FLOAT, ["N", p_dim, 1]),
        ],
        [helper.make_tensor_value_info("logit", TensorProto.FLOAT, ["N", 1, 1, k])],
    )
    _save(joiner, folder / "joiner.onnx")
    _write_tokens(folder, _tokens(v, script))
    return folder


def build_ctc(folder: Path, s: Shape, *, wired: bool = False, seed: int = 0) -> Path:
    """Write a NeMo CTC model (model.onnx + tokens.txt). Wired: speech frames say SCRIPT in turn."""
    from onnx import TensorProto, helper

    folder.mkdir(parents=True, exist_ok=True)
    g = _Graph(np.random.default_rng(seed), s.int8)
    x, _lengths = _encoder_body(g, s)
    v = s.vocab
    logits = g.op("Mul", [g.linear(x, s.d_model, v + 1, bias=True), g.const(np.array(0.001, np.float32))])
    if wired:
        # Speech frames: the script's words by frame position (a CTC model repeats a token over
        # frames; consecutive equal tokens collapse), silence: the blank.
        loud = g.op("Transpose", [_loudness(g)], perm=[0, 2, 1])  # (N, T', 1)
        n = len(SCRIPT)
        t = g.op("Slice", [g.op("Shape", [loud]), g.ints(1), g.ints(2)])
        frames = g.op(
            "Range",
            [g.const(np.array(0, np.int64)), g.op("Squeeze", [t, g.ints(0)]), g.const(np.array(1, np.int64))],
        )
        which = g.op(
            "Mod", [g.op("Div", [frames, g.const(np.array(3, np.int64))]), g.const(np.array(n, np.int64))]
        )
        pick = g.op(
            "Gather", [g.const(np.eye(v + 1, dtype=np.float32)[1 : n + 1] * 5.0, "say"), which]
        )  # (T', V+1)
        blank = np.zeros(v + 1, np.float32)
        blank[v] = 1.0
        speech = g.op("Greater", [loud, g.const(np.array(0.2, np.float32))])
        wired_logits = g.op(
            "Where", [speech, g.op("Unsqueeze", [pick, g.ints(0)]), g.const(blank * 5.0, "blank")]
        )
        logits = g.op("Add", [logits, wired_logits])
    g.nodes.append(helper.make_node("LogSoftmax", [logits], ["logprobs"], axis=-1))
    meta = _metadata(s, v, "EncDecCTCModelBPE")
    model = _model(
        g,
        "ctc",
        [
            helper.make_tensor_value_info("audio_signal", TensorProto.FLOAT, ["N", s.feat_dim, "T"]),
            helper.make_tensor_value_info("length", TensorProto.INT64, ["N"]),
        ],
        [helper.make_tensor_value_info("logprobs", TensorProto.FLOAT, ["N", "T_out", v + 1])],
        meta,
    )
    _save(model, folder / "model.onnx")
    _write_tokens(folder, _tokens(v, SCRIPT))
    return folder


# A model small enough for every test run: one conformer layer of width 16.
TINY = Shape(
    feat_dim=80,
    layers=1,
    d_model=16,
    heads=2,
    sub_channels=4,
    vocab=12,
    pred_hidden=8,
    joint_hidden=8,
    int8=False,
)
TINY_TDT = replace(TINY, durations=(0, 1, 2, 3, 4), pred_layers=2)


def build_test_model(folder: Path, kind: str = "rnnt") -> Path:
    """The wired tiny model: kind "rnnt", "tdt" or "ctc"."""
    if kind == "ctc":
        return build_ctc(folder, TINY, wired=True)
    return build_transducer(folder, TINY_TDT if kind == "tdt" else TINY, wired=True)


def build_bench_model(folder: Path, shape: Shape, seed: int = 0) -> Path:
    return build_transducer(folder, shape, seed=seed)
