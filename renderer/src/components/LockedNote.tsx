// Shown at the top of each settings panel while a batch runs, and named by its fieldset's
// aria-describedby, so the greyed-out controls say why.
export function LockedNote({ id }: { id: string }) {
  return (
    <p className="locked-note" id={id}>
      Settings are locked while a batch runs
    </p>
  );
}
