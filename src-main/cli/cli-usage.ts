/** Usage text, kept apart from the commands so `--help` loads no TensorFlow. */
export const SIN_USAGE = `rnn-studio sin [options]
  The tutorial's experiment: 2 LSTM layers x 30 units, 10-step windows of sin(linspace(0, 100, 10000)),
  Adagrad 0.1, batch 32, 10 000 steps; then predict sin(linspace(100, 110, 1000)) and print the RMSE.
  --steps N  --cell C  --layers 30,30  --learning-rate R  --optimizer O  --seed N ...  override a setting
  --path auto|fused|layers  training implementation (auto: the fused WebAssembly kernel where it applies)
  --backend auto|tensorflow|wasm|cpu   --out DIR (sin.svg goes there; default .)   --json`;

export const FORECAST_USAGE = `rnn-studio forecast --csv FILE --target COL [options]
  --date COL            the date/time column (frequency is inferred from it)
  --date-unit auto|s|ms|none   unix timestamps in a number date column (auto: seconds or ms by range)
  --features A,B        extra input columns
  --fill linear|ffill|drop   missing values and dates (default linear)
  --transform auto|none|residual|difference   target transform (auto: difference when the series trends, else residual)
  --scaling zscore|minmax
  --horizon H           also forecast H rows past the end (recursive)
  --season S            season of the seasonal-naive baseline (default: from the frequency)
  --intervals           prediction intervals (split conformal, 90 %; --interval-level P to change)
  --backtest K          rolling-origin backtest over K folds of the last 20 % (--retrain: refit per fold)
  --cell, --layers, --bidirectional, --dropout, --lookback, --steps | --epochs, --patience, --seed ...
  --backend auto|tensorflow|wasm|cpu   --out DIR (forecast.csv, forecast.svg; default .)   --json`;

export const LM_USAGE = `rnn-studio lm --text FILE [options]
  Tokenises the text (Intl.Segmenter words and punctuation, lower-cased), keeps words seen --min-count
  times (default 2, at most --max-vocab, default 10 000) plus <unk>, holds out the last 10 % of tokens,
  trains embedding → recurrent layers → softmax with truncated BPTT and reports the validation
  perplexity beside an interpolated modified Kneser-Ney trigram on the same tokens.
  --embedding D  --seq-len L  --max-vocab V  --min-count C  --keep-case
  --epochs N | --steps N   --minutes M (time budget, default 9; 0 = none)
  --cell, --layers, --dropout, --optimizer, --learning-rate, --clip-norm, --batch-size, --patience, --seed ...
  --backend auto|tensorflow|wasm|cpu   --out DIR (the project; default ./<text name>-lm)   --json`;

export const NEXT_USAGE = `rnn-studio next --model DIR [--top K] [--temperature T] "some text"
  Prints the K (default 10) most probable next words as a JSON list of {"word", "p"}, p after
  temperature T (default 1); "unknown": true marks <unk>. --generate N appends N sampled words instead
  (--seed S); --surprise prints each token's −ln p.`;
