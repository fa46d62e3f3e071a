/** Usage text, kept apart from the commands so `--help` loads no TensorFlow. */
export const SIN_USAGE = `rnn-studio sin [options]
  The tutorial's experiment: 2 LSTM layers x 30 units, 10-step windows of sin(linspace(0, 100, 10000)),
  Adagrad 0.1, batch 32, 10 000 steps; then predict sin(linspace(100, 110, 1000)) and print the RMSE.
  --steps N  --cell C  --layers 30,30  --learning-rate R  --optimizer O  --seed N ...  override a setting
  --backend auto|tensorflow|wasm|cpu   --out DIR (sin.svg goes there; default .)   --json`;

export const FORECAST_USAGE = `rnn-studio forecast --csv FILE --target COL [options]
  --date COL            the date/time column (frequency is inferred from it)
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
