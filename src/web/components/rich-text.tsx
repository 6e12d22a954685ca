import { parseTextBlocks } from './text-blocks.ts';

/** Sponsor-written text (summaries, descriptions, arm descriptions) as paragraphs and lists. */
export function RichText({ text }: { text: string | null | undefined }) {
  const blocks = parseTextBlocks(text);
  return (
    <div className="rich-text">
      {blocks.map((block, index) => {
        if (block.kind === 'paragraph') return <p key={index}>{block.text}</p>;
        const items = block.items.map((item, i) => <li key={i}>{item}</li>);
        return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
      })}
    </div>
  );
}
