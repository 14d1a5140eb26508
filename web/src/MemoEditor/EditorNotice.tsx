import type { ReactNode } from 'react';

interface EditorNoticeProps {
  readonly children: ReactNode;
  readonly actions?: readonly { readonly label: string; readonly onClick: () => void }[];
}

/**
 * Something that happened to the open memo elsewhere (changed, deleted), with the ways out. An
 * alert, so it is read out at once; it leaves the focus where the user is typing.
 */
export function EditorNotice({ children, actions = [] }: EditorNoticeProps) {
  return (
    <div className="notice" role="alert">
      <p>{children}</p>
      {actions.length > 0 && (
        <div className="actions">
          {actions.map((action) => (
            <button key={action.label} type="button" className="secondary" onClick={action.onClick}>
              {action.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
