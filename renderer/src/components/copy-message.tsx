import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { notify } from '../lib/notify';

/** A button that opens a ready message for the district's IT, with a button to copy it. */
export function CopyMessageButton(props: {
  label: string;
  text: string;
  size?: 'xs' | 'compact-sm';
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={props.size ?? 'xs'} variant="default" onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      {open ? (
        <Modal
          opened
          closeButtonProps={{ 'aria-label': 'Close' }}
          onClose={() => setOpen(false)}
          title="A message for the district's IT"
          size="lg"
        >
          <Stack>
            <Text size="sm">
              RosterDesk cannot fix this: it is made at the rostering service or in the SIS. Copy
              this message and send it to whoever manages them.
            </Text>
            <Textarea
              value={props.text}
              readOnly
              autosize
              minRows={6}
              maxRows={16}
              aria-label="Message"
            />
            <Group justify="flex-end">
              <Button
                onClick={() => {
                  void navigator.clipboard
                    .writeText(props.text)
                    .then(() => notify('success', 'Copied: paste it into an email or a ticket.'))
                    .catch(() =>
                      notify('error', 'Select the text and copy it with Ctrl+C.', 'Could not copy'),
                    );
                }}
              >
                Copy to the clipboard
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
    </>
  );
}
