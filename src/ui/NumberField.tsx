/** A labelled whole-number input; an emptied field reports NaN so the form can say what is wrong. */
export function NumberField(props: {
  label: string
  value: number
  min: number
  max: number
  onChange: (v: number) => void
  hint?: string
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="number"
        className="num"
        min={props.min}
        max={props.max}
        value={Number.isNaN(props.value) ? '' : props.value}
        onChange={(e) => props.onChange(e.target.valueAsNumber)}
      />
      {props.hint && <small className="muted">{props.hint}</small>}
    </label>
  )
}
