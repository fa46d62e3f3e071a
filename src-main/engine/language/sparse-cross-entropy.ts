import * as tf from '@tensorflow/tfjs';

/**
 * Sparse softmax cross-entropy, −log softmax(logits)[target], from logits `[..., vocab]` and int32
 * target ids `[...]`: the language model's loss.
 *
 * TF.js 4.22 has no sparse version (`tf.losses.softmaxCrossEntropy` wants one-hot labels and
 * builds log-softmax out of ~10 separate ops over the whole `[tokens, vocab]` block). Here the
 * forward pass is one fused Softmax kernel plus a gather of the target probabilities, and the
 * gradient is written out, (softmax − onehot(target)) · dy: three ops over the block instead of a
 * dozen, which matters when that block is 2 000 tokens × 10 000 words.
 *
 * Probabilities are floored at 1e-30 before the log, so a target the model rules out completely
 * (an exp that underflows float32, logit gap > 87) costs 69 nats rather than Infinity.
 */
export function tokenCrossEntropy(targets: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  const vocab = logits.shape[logits.shape.length - 1]!;
  const count = targets.size;
  return tf.tidy(() => {
    const flatTargets = tf.reshape(tf.cast(targets, 'int32'), [count]) as tf.Tensor1D;
    // customGrad passes the inputs, then the save function, as one rest list.
    const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const x = args[0] as tf.Tensor;
      const save = args[1] as tf.GradSaveFunc;
      const probs = tf.softmax(tf.reshape(x, [count, vocab]));
      const rows = tf.mul(tf.range(0, count, 1, 'int32'), tf.scalar(vocab, 'int32'));
      const picked = tf.gather(tf.reshape(probs, [count * vocab]), tf.add(rows, flatTargets));
      // Saved, not closed over: the tidy around this frees flatTargets before the backward pass.
      save([probs, flatTargets]);
      return {
        value: tf.reshape(tf.neg(tf.log(tf.maximum(picked, 1e-30))), targets.shape),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const onehot = tf.oneHot(saved[1] as tf.Tensor1D, vocab);
          const grad = tf.mul(tf.sub(saved[0]!, onehot), tf.reshape(dy, [count, 1]));
          return tf.reshape(grad, x.shape);
        },
      };
    });
    return loss(logits);
  });
}

/** The mean of tokenCrossEntropy over all tokens: the training loss of the full softmax. */
export function sparseSoftmaxCrossEntropy(targets: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tokenCrossEntropy(targets, logits)) as tf.Scalar);
}
